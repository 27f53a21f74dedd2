import { isPlainObject } from '../../config/config.env';
import { isNestedDeeperThan } from '../../common/json-depth';
import { WardenError } from '../../common/warden.error';
import type { ParsedRequest } from '../endpoint.adapter';
import { splitWardenFields } from '../warden-fields';
import { readTextOrTokens, unreadableTokens, type TextOrTokens } from './text-or-tokens';

/** A legacy `POST /v1/completions` request, as Warden reads it. */
export interface CompletionsRequest extends ParsedRequest {
  /** The client's body without Warden's fields (masks written in): what a native upstream gets. */
  body: Record<string, unknown>;
  prompt: TextOrTokens;
  /** Text after the insertion point: the model reads it, so guardrails do too. */
  suffix?: string;
  /** The answer repeats the prompt before the generated text. */
  echo: boolean;
  /** `n`: answers are grouped prompt by prompt, this many each. */
  choicesPerPrompt: number;
}

/** Far deeper than any completions body (`logit_bias` is the deepest field); shallow enough for any walker. */
const MAX_JSON_DEPTH = 32;

export function parseCompletionsRequest(raw: unknown): CompletionsRequest {
  if (!isPlainObject(raw)) {
    throw WardenError.invalidRequest('The request body must be a JSON object with model and prompt.');
  }
  if (isNestedDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw WardenError.invalidRequest(`Invalid request: the body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  const { requestedGuardrails, upstreamBody } = splitWardenFields(raw);
  const model = readModel(raw.model);
  const prompt = readTextOrTokens(raw.prompt, 'prompt');
  const suffix = optional(raw.suffix, 'suffix', 'a string', isString);
  const echo = optional(raw.echo, 'echo', 'a boolean', isBoolean);
  const stream = optional(raw.stream, 'stream', 'a boolean', isBoolean);
  const n = optional(raw.n, 'n', 'an integer of at least 1', isCount);
  return {
    model,
    stream: stream === true,
    requestedGuardrails,
    ...(prompt.kind === 'tokens' ? { unreadable: unreadableTokens('prompt') } : {}),
    body: upstreamBody,
    prompt,
    ...(suffix !== undefined ? { suffix } : {}),
    echo: echo === true,
    choicesPerPrompt: n ?? 1,
  };
}

export function readModel(model: unknown): string {
  if (typeof model !== 'string' || model === '') {
    throw WardenError.invalidRequest('Invalid request: model must be a non-empty string', 'model');
  }
  return model;
}

/** A field that may be absent or null; when present it must pass `valid`, else a 400 saying what it must be. */
export function optional<T>(
  value: unknown,
  param: string,
  what: string,
  valid: (value: unknown) => value is T,
): T | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!valid(value)) {
    throw WardenError.invalidRequest(`Invalid request: ${param} must be ${what}`, param);
  }
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
