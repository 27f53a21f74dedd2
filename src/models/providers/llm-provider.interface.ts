import type { ModelDeployment } from '../../config/config.schema';
import type { UpstreamOperation } from '../upstream-request';
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

/** A call in another API the provider speaks natively: `body` goes as the client wrote it (model aside). */
export interface NativeCall extends ChatCall {
  operation: Exclude<UpstreamOperation, 'chat'>;
  /** Client headers the API defines (`anthropic-version`, `anthropic-beta`). */
  headers?: Readonly<Record<string, string>>;
}

/** `headers`: the upstream's rate-limit headers, passed back to the client. */
export type UpstreamResponse =
  | {
      kind: 'json';
      body: Record<string, unknown>;
      /** The body exactly as the upstream sent it, when it is passed on unchanged (no re-serialising). */
      text?: string;
      headers?: Record<string, string>;
    }
  /** Each item is one event's `data` (for chat, a `chat.completion.chunk`'s JSON); `[DONE]` is not included. */
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
  /** The APIs besides chat completions this provider answers natively; others go through chat when translatable. */
  readonly nativeOperations: ReadonlySet<NativeCall['operation']>;
  /** Chat completions, in OpenAI's format whatever the provider's own API is. */
  complete(call: ChatCall): Promise<UpstreamResponse>;
  /** One of `nativeOperations`, answered in that API's own format. */
  forward(call: NativeCall): Promise<UpstreamResponse>;
}
