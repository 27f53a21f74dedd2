import { assertUnreachable, WardenErrorCode, type WardenError } from './warden.error';

export interface OpenAiErrorBody {
  error: { message: string | Record<string, unknown>; type: string; param: string | null; code: string | null };
}

export interface HttpErrorResponse {
  status: number;
  body: OpenAiErrorBody;
  headers: Record<string, string>;
}

/** The one mapping from domain error codes to HTTP status and the OpenAI error envelope. */
export function toHttpError(error: WardenError): HttpErrorResponse {
  const { status, type, code } = describe(error);
  const body: OpenAiErrorBody = {
    error: { message: error.body, type, param: error.options.param ?? null, code },
  };
  if (error.code === WardenErrorCode.GuardrailBlocked) {
    // LiteLLM's documented block contract: literal "None" strings and a string code.
    body.error.type = 'None';
    body.error.param = 'None';
  }
  return { status, body, headers: error.options.headers ?? {} };
}

function describe(error: WardenError): { status: number; type: string; code: string | null } {
  const code = error.code;
  switch (code) {
    case WardenErrorCode.InvalidRequest:
      return { status: 400, type: 'invalid_request_error', code: null };
    case WardenErrorCode.UnknownModel:
      return { status: 400, type: 'invalid_request_error', code: 'model_not_found' };
    case WardenErrorCode.UnknownGuardrail:
      return { status: 400, type: 'invalid_request_error', code: 'guardrail_not_found' };
    case WardenErrorCode.Unauthorized:
      return { status: 401, type: 'authentication_error', code: 'invalid_api_key' };
    case WardenErrorCode.Forbidden:
      return { status: 403, type: 'permission_error', code: 'forbidden' };
    case WardenErrorCode.NotFound:
      return { status: 404, type: 'not_found_error', code: 'not_found' };
    case WardenErrorCode.Conflict:
      return { status: 409, type: 'conflict_error', code: 'conflict' };
    case WardenErrorCode.PayloadTooLarge:
      return { status: 413, type: 'invalid_request_error', code: 'payload_too_large' };
    case WardenErrorCode.GuardrailBlocked:
      return { status: 400, type: 'None', code: '400' };
    case WardenErrorCode.GuardrailUnavailable:
      return { status: 503, type: 'guardrail_unavailable', code: 'guardrail_unavailable' };
    case WardenErrorCode.UpstreamError: {
      const status = error.options.status ?? 502;
      const upstream = error.options.upstream;
      return {
        status,
        type: upstream?.type ?? upstreamType(status),
        code: upstream?.code !== undefined ? upstream.code : String(status),
      };
    }
    case WardenErrorCode.UpstreamUnreachable:
      return { status: 502, type: 'upstream_error', code: 'upstream_unreachable' };
    case WardenErrorCode.UpstreamTimeout:
      return { status: 504, type: 'timeout_error', code: 'upstream_timeout' };
    case WardenErrorCode.Internal:
      return { status: 500, type: 'internal_error', code: 'internal_error' };
    default:
      return assertUnreachable(code);
  }
}

function upstreamType(status: number): string {
  if (status === 429) {
    return 'rate_limit_error';
  }
  if (status === 401 || status === 403) {
    return 'authentication_error';
  }
  return status >= 500 ? 'upstream_error' : 'invalid_request_error';
}

const GENERIC_CODES: Record<number, string> = {
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** For errors Warden did not raise itself (framework, parser): keep the status, never leak internals. */
export function genericHttpError(status: number, message: string): HttpErrorResponse {
  const type = status === 401 ? 'authentication_error' : status >= 500 ? 'internal_error' : 'invalid_request_error';
  const code = status >= 500 ? 'internal_error' : (GENERIC_CODES[status] ?? String(status));
  return {
    status,
    body: { error: { message: status >= 500 ? 'internal error' : message, type, param: null, code } },
    headers: {},
  };
}
