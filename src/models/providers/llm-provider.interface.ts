import type { ModelDeployment } from '../../config/config.schema';

/** One upstream call for one deployment. `body` is the client's OpenAI body, Warden's own fields removed. */
export interface ChatCall {
  deployment: ModelDeployment;
  body: Readonly<Record<string, unknown>>;
  stream: boolean;
  signal: AbortSignal;
}

export type UpstreamResponse =
  | { kind: 'json'; body: Record<string, unknown> }
  /** Each item is the JSON text of one OpenAI `chat.completion.chunk`; `[DONE]` is not included. */
  | { kind: 'stream'; events: AsyncIterable<string> };

export type UpstreamFailure = 'http' | 'connection' | 'timeout' | 'invalid_response';

/** An upstream call that did not produce a usable answer. `status` is the upstream's own when it sent one. */
export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    message: string,
    readonly status?: number,
    readonly upstreamBody?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** Connection errors, timeouts, 429 and 5xx are worth another attempt; other 4xx are the caller's fault. */
  get retryable(): boolean {
    if (this.failure !== 'http') {
      return true;
    }
    return this.status === 429 || (this.status !== undefined && this.status >= 500);
  }
}

export interface LlmProvider {
  complete(call: ChatCall): Promise<UpstreamResponse>;
}
