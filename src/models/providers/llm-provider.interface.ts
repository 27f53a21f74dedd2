import type { ModelDeployment } from '../../config/config.schema';
import type { UpstreamErrorDetails } from './upstream-answer';

/** One upstream call for one deployment. `body` is the client's OpenAI body, Warden's own fields removed. */
export interface ChatCall {
  deployment: ModelDeployment;
  body: Readonly<Record<string, unknown>>;
  stream: boolean;
  signal: AbortSignal;
  /** The longest silence allowed while the answer's body arrives (the deployment's timeout). */
  idleTimeoutMs: number;
}

/** `headers`: the upstream's rate-limit headers, passed back to the client. */
export type UpstreamResponse =
  | { kind: 'json'; body: Record<string, unknown>; headers?: Record<string, string> }
  /** Each item is the JSON text of one OpenAI `chat.completion.chunk`; `[DONE]` is not included. */
  | { kind: 'stream'; events: AsyncIterable<string>; headers?: Record<string, string> };

export type UpstreamFailure = 'http' | 'connection' | 'timeout' | 'invalid_response';

/** An upstream call that did not produce a usable answer. `status` is the upstream's own when it sent one. */
export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    message: string,
    readonly status?: number,
    readonly answer: {
      /** The error's `type`, `param` and `code` as the upstream sent them, for the client. */
      details?: UpstreamErrorDetails;
      retryAfterMs?: number;
      /** Rate-limit headers to pass back to the client. */
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** An exhausted quota: no retry of this model helps, but a fallback to another may. */
  get quotaExhausted(): boolean {
    const { details } = this.answer;
    return (
      this.failure === 'http' && (details?.code === 'insufficient_quota' || details?.type === 'insufficient_quota')
    );
  }

  /**
   * Connection errors, timeouts, 429 and 5xx are worth another attempt; other 4xx are the caller's fault, and so is
   * a 429 for an exhausted quota, which no retry fixes.
   */
  get retryable(): boolean {
    if (this.failure !== 'http') {
      return true;
    }
    if (this.quotaExhausted) {
      return false;
    }
    return this.status === 429 || (this.status !== undefined && this.status >= 500);
  }
}

export interface LlmProvider {
  complete(call: ChatCall): Promise<UpstreamResponse>;
}
