import type { Finding, GuardContext, GuardInput, Verdict } from '../../guardrail.types';
import { chunkByCodePoints, moderatedTexts } from '../screened-text';
import { specifiedFactory } from '../spec-factory';
import { postToVendor, withExtraBody, type VendorAnswer } from '../vendor-call';
import { isRecord, recordParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';
import { azureHeaders, azureUrl, readAzureSettings, type AzureSettings } from './azure-call';
import { AZURE_TEXT_MODERATIONS_SPEC } from './azure.spec';

const VENDOR = 'Azure Content Safety';
/** Azure's limit per call. */
const MAX_CODE_POINTS = 10_000;
/** LiteLLM's default: with no threshold configured, "low" (2) already flags. */
const DEFAULT_THRESHOLD = 2;

interface TextModerationSettings extends AzureSettings {
  threshold: number;
  byCategory: Readonly<Record<string, number>>;
  options: Record<string, unknown>;
}

export const azureTextModerationsGuardrail = specifiedFactory(AZURE_TEXT_MODERATIONS_SPEC, (definition, deps) => {
  const params = definition.params;
  const options: Record<string, unknown> = {};
  for (const key of ['categories', 'blocklistNames', 'haltOnBlocklistHit', 'outputType']) {
    if (params[key] !== undefined) {
      options[key] = params[key];
    }
  }
  const settings: TextModerationSettings = {
    ...readAzureSettings(params),
    threshold: typeof params.severity_threshold === 'number' ? params.severity_threshold : DEFAULT_THRESHOLD,
    byCategory: (recordParam(params, 'severity_threshold_by_category') ?? {}) as Record<string, number>,
    options,
  };
  return {
    definition,
    responseKey: AZURE_TEXT_MODERATIONS_SPEC.responseKey,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

/**
 * The user and tool texts on the way in, the answer in post_call; each cut into Azure's 10,000-code-point pieces, one
 * call per piece, flagged if any piece is.
 */
async function screen(
  settings: TextModerationSettings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const pieces = moderatedTexts(input, context.mode).flatMap((text) => chunkByCodePoints(text, MAX_CODE_POINTS));
  if (pieces.length === 0) {
    return { outcome: 'pass' };
  }
  const answers: VendorAnswer[] = await Promise.all(
    pieces.map((text) =>
      postToVendor(
        http,
        VENDOR,
        azureUrl(settings, 'analyze'),
        withExtraBody({ text, ...settings.options }, context.extraBody, ['text']),
        { headers: azureHeaders(settings), signal: context.signal, cache: context.cache },
      ),
    ),
  );
  const findings: Finding[] = [];
  const analyses: unknown[] = [];
  for (const answer of answers) {
    if (!answer.ok) {
      return answer.verdict;
    }
    const categories = answer.body.categoriesAnalysis;
    if (!Array.isArray(categories)) {
      return invalidResponseVerdict(VENDOR, 'without categoriesAnalysis');
    }
    findings.push(...categoryFindings(categories, settings), ...blocklistFindings(answer.body.blocklistsMatch));
    analyses.push(withoutBlocklistText(answer.body));
  }
  const vendorResponse = analyses.length === 1 ? analyses[0] : { results: analyses };
  if (findings.length === 0) {
    return { outcome: 'pass', vendorResponse };
  }
  return {
    outcome: 'flagged',
    findings,
    vendorResponse,
    flaggedIn: context.mode === 'post_call' ? 'response' : 'input',
  };
}

/** The per-category threshold first, then the single one (LiteLLM's order): `severity >= threshold` flags. */
function categoryFindings(categories: unknown[], settings: TextModerationSettings): Finding[] {
  return categories.flatMap((item) => {
    if (!isRecord(item) || typeof item.category !== 'string' || typeof item.severity !== 'number') {
      return [];
    }
    const threshold = settings.byCategory[item.category] ?? settings.threshold;
    return item.severity >= threshold
      ? [{ detector: 'azure_text_moderations', type: item.category, count: 1, score: item.severity }]
      : [];
  });
}

/** A blocklist hit flags (LiteLLM ignores it; an operator who names blocklists means them to stop text). */
function blocklistFindings(matches: unknown): Finding[] {
  if (!Array.isArray(matches)) {
    return [];
  }
  return matches.filter(isRecord).map((match) => ({
    detector: 'azure_text_moderations',
    type: 'blocklist',
    count: 1,
    ...(typeof match.blocklistName === 'string' ? { ruleId: match.blocklistName } : {}),
  }));
}

/** The matched blocklist text is the user's own words: the log keeps which list and item, not the text. */
function withoutBlocklistText(body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.blocklistsMatch)) {
    return body;
  }
  return {
    ...body,
    blocklistsMatch: body.blocklistsMatch.map((match: unknown) => {
      if (!isRecord(match)) {
        return match;
      }
      const { blocklistItemText: _text, ...rest } = match;
      return rest;
    }),
  };
}
