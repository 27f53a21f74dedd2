import { readFileSync } from 'node:fs';
import type { Finding, GuardContext, GuardInput, Verdict } from '../../guardrail.types';
import { mapTextSlots, textSlots } from '../../message-text';
import { utf16Offset } from '../screened-text';
import { specifiedFactory } from '../spec-factory';
import { joinUrl, withExtraBody } from '../vendor-call';
import { isRecord, recordParam, stringParam } from '../vendor-params';
import type { ParamProblem } from '../vendor-spec';
import {
  failedCallVerdict,
  httpStatusVerdict,
  invalidResponseVerdict,
  neverThrow,
  type ErrorVerdict,
} from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';
import { PRESIDIO_SPEC } from './presidio.spec';
import {
  findingsOf,
  keptDetections,
  readAnonymizedText,
  readDetections,
  vendorResponseOf,
  type Detection,
  type Filters,
} from './presidio.response';
import { PiiTokenVault, restoreTokens } from './presidio-tokens';

const VENDOR = 'Presidio';
type Action = 'MASK' | 'BLOCK';

interface PresidioSettings {
  analyzeUrl: string;
  anonymizeUrl: string;
  language: string;
  entityActions?: Readonly<Record<string, Action>>;
  filters: Filters;
  adHocRecognizers?: unknown[];
  outputParsePii: boolean;
  applyToOutput: boolean;
  scope: 'input' | 'output' | 'both';
  parallel: number;
}

/** A text Warden screens: a text slot of a message, or the answer. */
interface Screened {
  text: string;
  message?: number;
  slot?: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; verdict: ErrorVerdict };

export const presidioGuardrail = specifiedFactory(
  PRESIDIO_SPEC,
  (definition, deps) => {
    const settings = readSettings(definition.params);
    const vault = new PiiTokenVault();
    return {
      definition,
      responseKey: PRESIDIO_SPEC.responseKey,
      check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, vault, input, context)),
    };
  },
  (params) => {
    const problem = adHocProblem(params.presidio_ad_hoc_recognizers);
    return problem ? [problem] : [];
  },
);

function readSettings(params: Readonly<Record<string, unknown>>): PresidioSettings {
  const thresholds = (recordParam(params, 'presidio_score_thresholds') ?? {}) as Record<string, number>;
  const denyList = Array.isArray(params.presidio_entities_deny_list)
    ? (params.presidio_entities_deny_list as string[])
    : [];
  const entityActions = recordParam(params, 'pii_entities_config') as Record<string, Action> | undefined;
  const adHoc = readAdHocRecognizers(params.presidio_ad_hoc_recognizers);
  return {
    analyzeUrl: joinUrl(withScheme(stringParam(params, 'presidio_analyzer_api_base') ?? ''), '/analyze'),
    anonymizeUrl: joinUrl(withScheme(stringParam(params, 'presidio_anonymizer_api_base') ?? ''), '/anonymize'),
    language: stringParam(params, 'presidio_language') ?? 'en',
    ...(entityActions ? { entityActions } : {}),
    filters: { denyList, thresholds },
    ...(adHoc ? { adHocRecognizers: adHoc } : {}),
    outputParsePii: params.output_parse_pii === true,
    applyToOutput: params.apply_to_output === true,
    scope: (stringParam(params, 'presidio_filter_scope') as PresidioSettings['scope'] | undefined) ?? 'both',
    parallel: typeof params.presidio_max_parallel_requests === 'number' ? params.presidio_max_parallel_requests : 4,
  };
}

/** LiteLLM adds `http://` to a base without a scheme. */
function withScheme(base: string): string {
  return /^https?:\/\//i.test(base) ? base : `http://${base}`;
}

async function screen(
  settings: PresidioSettings,
  http: VendorHttpClient,
  vault: PiiTokenVault,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  if (context.mode === 'post_call') {
    return screenAnswer(settings, http, vault, input, context);
  }
  if (settings.scope === 'output') {
    return { outcome: 'pass' };
  }
  const screened: Screened[] = input.messages.flatMap((message, index) =>
    textSlots(message).map((text, slot) => ({ text, message: index, slot })),
  );
  const analysis = await analyzeAll(settings, http, screened, context);
  if (!analysis.ok) {
    return analysis.verdict;
  }
  const found = analysis.value;
  if (found.every((detections) => detections.length === 0)) {
    return { outcome: 'pass' };
  }
  const flagged = flaggedVerdict(settings, found);
  if (flagged.blocked) {
    return flagged.verdict;
  }
  const replaced = settings.outputParsePii
    ? { ok: true as const, value: tokenize(screened, found) }
    : await anonymizeAll(settings, http, screened, found, context);
  if (!replaced.ok) {
    return replaced.verdict;
  }
  const texts = 'texts' in replaced.value ? replaced.value.texts : replaced.value;
  const messages = input.messages.map((message, index) =>
    mapTextSlots(message, (text, slot) => {
      const at = screened.findIndex((item) => item.message === index && item.slot === slot);
      return at >= 0 && found[at].length > 0 ? texts[at] : text;
    }),
  );
  if ('tokens' in replaced.value) {
    vault.keep(context.requestId, replaced.value.tokens, [input.messages, messages]);
  }
  return { ...flagged.verdict, rewrite: { messages }, flaggedIn: 'input' };
}

async function screenAnswer(
  settings: PresidioSettings,
  http: VendorHttpClient,
  vault: PiiTokenVault,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const response = input.response ?? '';
  const tokens = settings.outputParsePii ? vault.take(context.requestId, input.messages) : undefined;
  const restored = tokens ? restoreTokens(response, tokens) : response;
  const analyzeAnswer = settings.scope !== 'input' && (!settings.outputParsePii || settings.applyToOutput);
  if (!analyzeAnswer || restored === '') {
    return restored === response
      ? { outcome: 'pass' }
      : {
          outcome: 'flagged',
          findings: [{ detector: 'presidio', type: 'RESTORED_TOKENS', count: 1 }],
          vendorResponse: { restored_tokens: [...(tokens?.keys() ?? [])].filter((t) => response.includes(t)) },
          rewrite: { response: restored },
          flaggedIn: 'response',
        };
  }
  const screened: Screened[] = [{ text: response }];
  const analysis = await analyzeAll(settings, http, screened, context);
  if (!analysis.ok) {
    return analysis.verdict;
  }
  if (analysis.value[0].length === 0) {
    return { outcome: 'pass' };
  }
  const flagged = flaggedVerdict(settings, analysis.value);
  if (flagged.blocked) {
    return { ...flagged.verdict, flaggedIn: 'response' };
  }
  const anonymized = await anonymizeAll(settings, http, screened, analysis.value, context);
  if (!anonymized.ok) {
    return anonymized.verdict;
  }
  return { ...flagged.verdict, rewrite: { response: anonymized.value[0] }, flaggedIn: 'response' };
}

function actionOf(settings: PresidioSettings, entity: string): Action {
  return settings.entityActions?.[entity] ?? 'MASK';
}

function flaggedVerdict(
  settings: PresidioSettings,
  found: readonly Detection[][],
): { blocked: boolean; verdict: Extract<Verdict, { outcome: 'flagged' }> } {
  const all = found.flatMap((detections, text) => detections.map((detection) => ({ ...detection, text })));
  const findings: Finding[] = findingsOf(all);
  const blocked = all.some((detection) => actionOf(settings, detection.entity_type) === 'BLOCK');
  return {
    blocked,
    verdict: {
      outcome: 'flagged',
      findings,
      vendorResponse: vendorResponseOf(all, (entity) => actionOf(settings, entity)),
    },
  };
}

async function analyzeAll(
  settings: PresidioSettings,
  http: VendorHttpClient,
  screened: readonly Screened[],
  context: GuardContext,
): Promise<Outcome<Detection[][]>> {
  return inParallel(screened, settings.parallel, async ({ text }) => {
    if (text.trim() === '') {
      return { ok: true, value: [] };
    }
    const body = withExtraBody(
      {
        text,
        language: settings.language,
        ...(settings.entityActions ? { entities: Object.keys(settings.entityActions) } : {}),
        ...(settings.adHocRecognizers ? { ad_hoc_recognizers: settings.adHocRecognizers } : {}),
      },
      context.extraBody,
      ['text'],
    );
    const answer = await post(http, settings.analyzeUrl, body, context);
    if (!answer.ok) {
      return answer;
    }
    const detections = readDetections(answer.value);
    if (!detections) {
      return {
        ok: false,
        verdict: invalidResponseVerdict(VENDOR, '/analyze with something other than a list of results'),
      };
    }
    return { ok: true, value: keptDetections(detections, settings.filters).sort((a, b) => a.start - b.start) };
  });
}

async function anonymizeAll(
  settings: PresidioSettings,
  http: VendorHttpClient,
  screened: readonly Screened[],
  found: readonly Detection[][],
  context: GuardContext,
): Promise<Outcome<string[]>> {
  return inParallel(screened, settings.parallel, async ({ text }, index) => {
    const detections = found[index];
    if (detections.length === 0) {
      return { ok: true, value: text };
    }
    const answer = await post(
      http,
      settings.anonymizeUrl,
      {
        text,
        analyzer_results: detections.map(({ start, end, score, entity_type }) => ({ start, end, score, entity_type })),
      },
      context,
    );
    if (!answer.ok) {
      return answer;
    }
    const anonymized = readAnonymizedText(answer.value);
    return anonymized === undefined
      ? { ok: false, verdict: invalidResponseVerdict(VENDOR, '/anonymize without a "text"') }
      : { ok: true, value: anonymized };
  });
}

/** LiteLLM's `output_parse_pii` tokens: `<ENTITY_N>`, numbered across the texts of one request. */
function tokenize(
  screened: readonly Screened[],
  found: readonly Detection[][],
): { texts: string[]; tokens: Map<string, string> } {
  const tokens = new Map<string, string>();
  let counter = 0;
  const texts = screened.map(({ text }, index) => {
    const ranges = found[index]
      .map((detection) => ({
        start: utf16Offset(text, detection.start),
        end: utf16Offset(text, detection.end),
        entity: detection.entity_type,
      }))
      .filter(
        (range): range is { start: number; end: number; entity: string } =>
          range.start !== undefined && range.end !== undefined && range.start < range.end,
      )
      .sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const range of ranges) {
      if (range.start < at) {
        continue;
      }
      counter += 1;
      const token = `<${range.entity}_${counter}>`;
      tokens.set(token, text.slice(range.start, range.end));
      out += text.slice(at, range.start) + token;
      at = range.end;
    }
    return out + text.slice(at);
  });
  return { texts, tokens };
}

/**
 * Presidio answers JSON arrays as well as objects, so this reads any JSON (vendor-call's helper wants objects). With
 * `cache_ttl_seconds`, an identical earlier call's answer is reused (the cache keeps one answer per check: the last).
 */
async function post(
  http: VendorHttpClient,
  url: string,
  body: unknown,
  context: Pick<GuardContext, 'signal' | 'cache'>,
): Promise<Outcome<unknown>> {
  const json = JSON.stringify(body);
  const request = `${url}\n${json}`;
  const cached = context.cache?.get(request);
  if (cached !== undefined) {
    return { ok: true, value: JSON.parse(cached) as unknown };
  }
  try {
    const response = await http.postJson(url, json, { signal: context.signal });
    if (response.status < 200 || response.status >= 300) {
      return { ok: false, verdict: httpStatusVerdict(VENDOR, response.status, response.json, response.text) };
    }
    if (response.json === undefined) {
      return { ok: false, verdict: invalidResponseVerdict(VENDOR, 'a non-JSON body', response.status) };
    }
    context.cache?.offer(request, response.text);
    return { ok: true, value: response.json };
  } catch (error) {
    return { ok: false, verdict: failedCallVerdict(VENDOR, error, context.signal) };
  }
}

/** Runs `task` over `items`, at most `limit` at a time; the first failure wins. */
async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<Outcome<R>>,
): Promise<Outcome<R[]>> {
  const results: R[] = new Array<R>(items.length);
  let failure: ErrorVerdict | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      const outcome = await task(items[index], index);
      if (outcome.ok) {
        results[index] = outcome.value;
      } else {
        failure ??= outcome.verdict;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failure ? { ok: false, verdict: failure } : { ok: true, value: results };
}

function readAdHocRecognizers(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) {
    return value as unknown[];
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const parsed = JSON.parse(readFileSync(value, 'utf8')) as unknown;
  if (Array.isArray(parsed)) {
    return parsed as unknown[];
  }
  return isRecord(parsed) && Array.isArray(parsed.ad_hoc_recognizers) ? (parsed.ad_hoc_recognizers as unknown[]) : [];
}

/** The recognizers file must exist and hold a JSON list (or `{ad_hoc_recognizers: [...]}`), as LiteLLM requires. */
function adHocProblem(value: unknown): ParamProblem | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    const parsed = JSON.parse(readFileSync(value, 'utf8')) as unknown;
    if (Array.isArray(parsed) || (isRecord(parsed) && Array.isArray(parsed.ad_hoc_recognizers))) {
      return undefined;
    }
    return ['presidio_ad_hoc_recognizers', `${value} must hold a JSON list of recognizers`];
  } catch (error) {
    return ['presidio_ad_hoc_recognizers', `cannot read ${value}: ${(error as Error).message}`];
  }
}
