import { LAKERA_V1_CATEGORIES, LAKERA_V1_SPEC } from './lakera.spec';
import { specifiedFactory } from '../spec-factory';
import type { Finding, GuardContext, GuardInput, Verdict } from '../../guardrail.types';
import { textOf } from '../../message-text';
import { LAKERA_DEFAULT_API_BASE, LAKERA_RESPONSE_KEY } from './lakera-v2.guardrail';
import { joinUrl, postToVendor, withExtraBody } from '../vendor-call';
import { isRecord, recordParam, stringParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';

const VENDOR = 'Lakera Guard v1';
const DETECTOR = 'lakera_guard_v1';
/** In LiteLLM's order: a jailbreak is checked before a prompt injection. */
const CATEGORIES = LAKERA_V1_CATEGORIES;
type Category = (typeof CATEGORIES)[number];
type CategoryThresholds = Partial<Record<Category, number>>;

/** Only the last message of each role is screened, in this order (LiteLLM's `lakera_ai.py`). */
const SCREENED_ROLES = ['system', 'user', 'assistant'] as const;

interface LakeraV1Settings {
  url: string;
  apiKey: string;
  thresholds?: CategoryThresholds;
}

/** `guardrail: lakera`: the deprecated Lakera Guard `POST /v1/prompt_injection`. */
export const lakeraV1Guardrail = specifiedFactory(LAKERA_V1_SPEC, (definition, deps) => {
  const settings = readSettings(definition.params);
  return {
    definition,
    responseKey: LAKERA_RESPONSE_KEY,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

function readSettings(params: Readonly<Record<string, unknown>>): LakeraV1Settings {
  const thresholds = readThresholds(recordParam(params, 'category_thresholds'));
  return {
    url: joinUrl(stringParam(params, 'api_base') ?? LAKERA_DEFAULT_API_BASE, '/v1/prompt_injection'),
    apiKey: stringParam(params, 'api_key') ?? '',
    ...(thresholds ? { thresholds } : {}),
  };
}

function readThresholds(raw: Record<string, unknown> | undefined): CategoryThresholds | undefined {
  if (!raw) {
    return undefined;
  }
  const thresholds: CategoryThresholds = {};
  for (const category of CATEGORIES) {
    const value = raw[category];
    if (typeof value === 'number') {
      thresholds[category] = value;
    }
  }
  return Object.keys(thresholds).length > 0 ? thresholds : undefined;
}

async function screen(
  settings: LakeraV1Settings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const screened = lastMessageOfEachRole(input, context);
  if (screened.length === 0) {
    return { outcome: 'pass' };
  }
  const body = withExtraBody({ input: screened }, context.extraBody, ['input']);
  const answer = await postToVendor(http, VENDOR, settings.url, body, {
    headers: { authorization: `Bearer ${settings.apiKey}` },
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const result = Array.isArray(answer.body.results) ? (answer.body.results[0] as unknown) : undefined;
  if (!isRecord(result)) {
    return invalidResponseVerdict(VENDOR, 'without results[0]');
  }
  const findings = settings.thresholds ? thresholdFindings(result, settings.thresholds) : flaggedFindings(result);
  if (findings === undefined) {
    return invalidResponseVerdict(
      VENDOR,
      settings.thresholds ? 'without numeric category_scores' : 'without a boolean results[0].flagged',
    );
  }
  return findings.length > 0
    ? { outcome: 'flagged', findings, vendorResponse: answer.body }
    : { outcome: 'pass', vendorResponse: answer.body };
}

function lastMessageOfEachRole(input: GuardInput, context: GuardContext): Array<{ role: string; content: string }> {
  const last = new Map<string, string>();
  for (const message of input.messages) {
    const content = textOf(message);
    if (content !== '') {
      last.set(message.role, content);
    }
  }
  if (context.mode === 'post_call' && typeof input.response === 'string' && input.response !== '') {
    last.set('assistant', input.response);
  }
  return SCREENED_ROLES.flatMap((role) => {
    const content = last.get(role);
    return content !== undefined ? [{ role, content }] : [];
  });
}

/** With thresholds, `flagged` is ignored: a category flags when its score reaches its threshold. */
function thresholdFindings(result: Record<string, unknown>, thresholds: CategoryThresholds): Finding[] | undefined {
  const scores = isRecord(result.category_scores) ? result.category_scores : {};
  const findings: Finding[] = [];
  for (const category of CATEGORIES) {
    const threshold = thresholds[category];
    if (threshold === undefined) {
      continue;
    }
    const score = scores[category];
    if (typeof score !== 'number') {
      return undefined;
    }
    if (score >= threshold) {
      findings.push({ detector: DETECTOR, type: category, count: 1, score });
    }
  }
  return findings;
}

function flaggedFindings(result: Record<string, unknown>): Finding[] | undefined {
  if (typeof result.flagged !== 'boolean') {
    return undefined;
  }
  if (!result.flagged) {
    return [];
  }
  const categories = isRecord(result.categories) ? result.categories : {};
  const scores = isRecord(result.category_scores) ? result.category_scores : {};
  const findings = CATEGORIES.filter((category) => categories[category] === true).map((category): Finding => {
    const score = scores[category];
    return { detector: DETECTOR, type: category, count: 1, ...(typeof score === 'number' ? { score } : {}) };
  });
  return findings.length > 0 ? findings : [{ detector: DETECTOR, type: 'flagged', count: 1 }];
}
