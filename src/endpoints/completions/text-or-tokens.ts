import { WardenError } from '../../common/warden.error';

/**
 * A `prompt` (completions) or `input` (embeddings): texts guardrails can read, or token ids they cannot.
 * `list` says whether the client sent a list, so masks are written back in the shape it came in.
 */
export type TextOrTokens = { kind: 'texts'; texts: string[]; list: boolean } | { kind: 'tokens' };

/**
 * Reads `string | string[] | number[] | number[][]` (OpenAI's shape for both fields); anything else, an empty list,
 * or a list mixing kinds is a 400 naming `param`.
 */
export function readTextOrTokens(value: unknown, param: string): TextOrTokens {
  if (typeof value === 'string') {
    return { kind: 'texts', texts: [value], list: false };
  }
  const shape = `${param} must be a string, a list of strings, a list of token ids or a list of token id lists`;
  if (!Array.isArray(value)) {
    throw WardenError.invalidRequest(`Invalid request: ${shape}`, param);
  }
  if (value.length === 0) {
    throw WardenError.invalidRequest(`Invalid request: ${param} must not be empty`, param);
  }
  if (value.every((item) => typeof item === 'string')) {
    return { kind: 'texts', texts: value, list: true };
  }
  if (value.every(isTokenId)) {
    return { kind: 'tokens' };
  }
  if (value.every((item) => Array.isArray(item) && item.length > 0 && item.every(isTokenId))) {
    return { kind: 'tokens' };
  }
  throw WardenError.invalidRequest(`Invalid request: ${shape}`, param);
}

/** The same value with its texts replaced, in the shape it came in. */
export function writeTexts(input: TextOrTokens, texts: readonly string[]): string | string[] {
  if (input.kind !== 'texts') {
    throw new Error('token ids have no texts to write');
  }
  return input.list ? [...texts] : texts[0];
}

/** Why a request with token ids cannot be guarded: the pipeline answers it with a 400 when a guardrail applies. */
export function unreadableTokens(param: string): { param: string; message: string } {
  return { param, message: `${param} holds token ids, which guardrails cannot read.` };
}

function isTokenId(item: unknown): boolean {
  return typeof item === 'number' && Number.isSafeInteger(item) && item >= 0;
}
