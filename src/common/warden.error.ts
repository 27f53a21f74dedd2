export enum WardenErrorCode {
  InvalidRequest = 'invalid_request',
  UnknownModel = 'unknown_model',
  UnknownGuardrail = 'unknown_guardrail',
  Unauthorized = 'unauthorized',
  /** Authenticated, but this key may not do it (a model outside the key's list, guardrails it may not add). */
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  GuardrailBlocked = 'guardrail_blocked',
  GuardrailUnavailable = 'guardrail_unavailable',
  UpstreamError = 'upstream_error',
  UpstreamUnreachable = 'upstream_unreachable',
  UpstreamTimeout = 'upstream_timeout',
  Internal = 'internal',
}

/**
 * A domain error with everything the single exception filter needs to write the OpenAI error shape.
 * `message` is a string, except for guardrail blocks, whose contract puts an object there.
 */
export class WardenError extends Error {
  constructor(
    readonly code: WardenErrorCode,
    readonly body: string | Record<string, unknown>,
    readonly options: {
      param?: string | null;
      status?: number;
      headers?: Record<string, string>;
      /** An upstream 4xx's own error `type` and `code`, passed through to the client. */
      upstream?: { type?: string; code?: string | null };
      /** The guardrail that blocked or failed (APIs whose error shape names it, such as Anthropic's). */
      guardrail?: string;
    } = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
    this.name = 'WardenError';
  }

  static invalidRequest(message: string, param: string | null = null): WardenError {
    return new WardenError(WardenErrorCode.InvalidRequest, message, { param });
  }

  static notFound(message: string): WardenError {
    return new WardenError(WardenErrorCode.NotFound, message);
  }

  static conflict(message: string): WardenError {
    return new WardenError(WardenErrorCode.Conflict, message);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
