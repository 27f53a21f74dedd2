/**
 * Anthropic's error envelope (reference endpoints.md §2.6, §9.1): `{"type":"error","error":{type, message, ...},
 * "request_id"}`, built from the OpenAI-shaped error Warden's filter already computed, so the Anthropic SDK and
 * Claude Code show Warden's errors as they show Anthropic's.
 */

export interface OpenAiShapedError {
  message: string | Record<string, unknown>;
  type: string;
  code: string | null;
  param: string | null;
}

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string; [extra: string]: unknown };
  request_id: string;
}

/** Anthropic's documented error types by status; a guardrail outage (503) is an `api_error` (§9.3). */
const TYPES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ANTHROPIC_TYPES: ReadonlySet<string> = new Set(Object.values(TYPES_BY_STATUS));

/** The block message chat clients get; the Anthropic body says which guardrail blocked in plain words. */
const BLOCK_MESSAGE = 'Violated content safety policy';

export function anthropicErrorType(status: number, openAiType?: string): string {
  const byStatus = TYPES_BY_STATUS[status];
  if (byStatus !== undefined) {
    return byStatus;
  }
  // An Anthropic upstream's own type (e.g. on a 409 or 502) is kept; others fall back by status class.
  if (openAiType !== undefined && ANTHROPIC_TYPES.has(openAiType)) {
    return openAiType;
  }
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

/**
 * A guardrail block (`message` = `{error: "Violated content safety policy", guardrail: <name>, <vendor key>:
 * verdict}`) becomes the human-readable message "Violated content safety policy (guardrail <name>)" with the other
 * keys (the vendor verdict, e.g. `lakera_ai_response`, and the guardrail's name) beside it inside `error`.
 */
export function anthropicErrorBody(
  status: number,
  openAiError: OpenAiShapedError,
  requestId: string,
): AnthropicErrorBody {
  const type = anthropicErrorType(status, openAiError.type);
  const extras: Record<string, unknown> = {};
  if (openAiError.param !== null && openAiError.param !== 'None') {
    extras.param = openAiError.param;
  }
  const { message } = openAiError;
  if (typeof message === 'string') {
    return { type: 'error', error: { type, message, ...extras }, request_id: requestId };
  }
  const { error: summary, ...details } = message;
  const guardrail = typeof details.guardrail === 'string' ? details.guardrail : undefined;
  const text =
    typeof summary === 'string' ? summary : guardrail !== undefined ? BLOCK_MESSAGE : JSON.stringify(message);
  const readable = guardrail === undefined ? text : `${text} (guardrail ${guardrail})`;
  return {
    type: 'error',
    error: { ...extras, ...withoutReserved(details), type, message: readable },
    request_id: requestId,
  };
}

/** Vendor keys never overwrite the envelope's own `type` and `message`. */
function withoutReserved(details: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, message: _message, ...rest } = details;
  return rest;
}
