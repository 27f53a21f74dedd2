import type { Finding, GuardContext, GuardInput, Verdict } from '../../guardrail.types';
import { moderatedTexts } from '../screened-text';
import { specifiedFactory } from '../spec-factory';
import { joinUrl, postToVendor, withExtraBody } from '../vendor-call';
import { recordParam, stringParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';
import { flaggedCategories, readResults, type ModerationPolicy } from './openai-moderation.response';
import { OPENAI_MODERATION_SPEC } from './openai-moderation.spec';

const VENDOR = 'OpenAI moderation';
const DEFAULT_API_BASE = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'omni-moderation-latest';
/** Roles whose text a moderation check reads on the way in: what users and tools put into the conversation. */

interface ModerationSettings {
  url: string;
  apiKey: string;
  model: string;
  policy: ModerationPolicy;
}

export const openAiModerationGuardrail = specifiedFactory(OPENAI_MODERATION_SPEC, (definition, deps) => {
  const params = definition.params;
  const settings: ModerationSettings = {
    url: joinUrl(stringParam(params, 'api_base') ?? DEFAULT_API_BASE, '/moderations'),
    apiKey: stringParam(params, 'api_key') ?? '',
    model: stringParam(params, 'model') ?? DEFAULT_MODEL,
    policy: {
      ...(Array.isArray(params.categories) ? { categories: params.categories as string[] } : {}),
      thresholds: (recordParam(params, 'category_thresholds') ?? {}) as Record<string, number>,
    },
  };
  return {
    definition,
    responseKey: OPENAI_MODERATION_SPEC.responseKey,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

/**
 * One call, `input` as a list: each user and tool text on the way in (one result each, so a harmful message is not
 * diluted by the rest), the answer in post_call.
 */
async function screen(
  settings: ModerationSettings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const screened = moderatedTexts(input, context.mode);
  if (screened.length === 0) {
    return { outcome: 'pass' };
  }
  const body = withExtraBody({ model: settings.model, input: screened }, context.extraBody, ['input', 'model']);
  const answer = await postToVendor(http, VENDOR, settings.url, body, {
    headers: { authorization: `Bearer ${settings.apiKey}` },
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const results = readResults(answer.body);
  if (!results || results.length !== screened.length) {
    return invalidResponseVerdict(VENDOR, 'without one result (with a boolean "flagged") per input');
  }
  const findings: Finding[] = results.flatMap((result) => flaggedCategories(result, settings.policy));
  if (findings.length === 0) {
    return { outcome: 'pass', vendorResponse: answer.body };
  }
  return {
    outcome: 'flagged',
    findings: mergeFindings(findings),
    vendorResponse: answer.body,
    flaggedIn: context.mode === 'post_call' ? 'response' : 'input',
  };
}

/** One finding per category, counting the inputs it flagged in and keeping the highest score. */
function mergeFindings(findings: readonly Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const finding of findings) {
    const seen = merged.get(finding.type);
    if (!seen) {
      merged.set(finding.type, { ...finding });
      continue;
    }
    seen.count += finding.count;
    if (finding.score !== undefined && (seen.score === undefined || finding.score > seen.score)) {
      seen.score = finding.score;
    }
  }
  return [...merged.values()];
}
