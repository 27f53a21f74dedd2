import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { describeNetworkError, OriginPools } from '../../http/origin-pools';
import { UpstreamError } from './llm-provider.interface';

export interface UpstreamHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer> & { text(): Promise<string>; dump(): Promise<void> };
}

/**
 * The pooled keep-alive client for every upstream call, on Warden's one HTTP stack (`src/http/origin-pools.ts`,
 * undici: measured faster than node:http and fetch for proxying; see BENCHMARKS.md). Aborts come from the caller's
 * signal; network failures become UpstreamError.
 */
@Injectable()
export class UpstreamHttpClient implements OnModuleDestroy {
  // No per-origin cap: every open client stream needs its own upstream socket.
  private readonly pools = new OriginPools({ connectionsPerOrigin: null, keepAliveTimeoutMs: 30_000 });

  /**
   * `idleTimeoutMs`: once the headers are in, the longest wait for the next piece of the body (a stalled stream
   * fails with `UND_ERR_BODY_TIMEOUT` instead of hanging); 0 waits for ever.
   */
  async post(
    url: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
    idleTimeoutMs = 0,
  ): Promise<UpstreamHttpResponse> {
    try {
      const response = await this.pools.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal,
        bodyTimeoutMs: idleTimeoutMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (signal.aborted) {
        throw signal.reason instanceof Error ? signal.reason : new UpstreamError('connection', 'request aborted');
      }
      throw new UpstreamError('connection', `upstream unreachable: ${describeNetworkError(error)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pools.close();
  }
}

/** undici's error when the body stalled for longer than `idleTimeoutMs`. */
export function isBodyTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'UND_ERR_BODY_TIMEOUT';
}
