import { isPlainObject } from '../../config/config.env';
import { isNestedDeeperThan } from '../../common/json-depth';
import { WardenError } from '../../common/warden.error';
import { optional, readModel } from '../completions/completions-request';
import { readTextOrTokens, unreadableTokens, type TextOrTokens } from '../completions/text-or-tokens';
import type { ParsedRequest } from '../endpoint.adapter';
import { splitWardenFields } from '../warden-fields';

/** A `POST /v1/embeddings` request, as Warden reads it. */
export interface EmbeddingsRequest extends ParsedRequest {
  /** The client's body without Warden's fields (masks written in): what the upstream gets. */
  body: Record<string, unknown>;
  input: TextOrTokens;
}

const MAX_JSON_DEPTH = 32;
const ENCODING_FORMATS: readonly unknown[] = ['float', 'base64'];

export function parseEmbeddingsRequest(raw: unknown): EmbeddingsRequest {
  if (!isPlainObject(raw)) {
    throw WardenError.invalidRequest('The request body must be a JSON object with model and input.');
  }
  if (isNestedDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw WardenError.invalidRequest(`Invalid request: the body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  const { requestedGuardrails, upstreamBody } = splitWardenFields(raw);
  const model = readModel(raw.model);
  const input = readTextOrTokens(raw.input, 'input');
  if (raw.stream !== undefined && raw.stream !== null && raw.stream !== false) {
    throw WardenError.invalidRequest('Invalid request: embeddings do not stream; leave stream out', 'stream');
  }
  optional(raw.encoding_format, 'encoding_format', '"float" or "base64"', (value): value is string =>
    ENCODING_FORMATS.includes(value),
  );
  optional(
    raw.dimensions,
    'dimensions',
    'an integer of at least 1',
    (value): value is number => Number.isSafeInteger(value) && (value as number) >= 1,
  );
  // `stream: false` is Warden's to accept; the embeddings API itself has no such field.
  const { stream: _stream, ...body } = upstreamBody;
  return {
    model,
    stream: false,
    requestedGuardrails,
    ...(input.kind === 'tokens' ? { unreadable: unreadableTokens('input') } : {}),
    body,
    input,
  };
}
