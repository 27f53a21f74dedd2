import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent, errors } from 'undici';
import { UpstreamError } from './llm-provider.interface';

const MAX_CACHED_TARGETS = 1_000;

export interface UpstreamHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer> & { text(): Promise<string>; dump(): Promise<void> };
}

/**
 * The one pooled keep-alive client for every upstream call (undici: measured faster than node:http and fetch for
 * proxying; see BENCHMARKS.md). Aborts come from the caller's signal; network failures become UpstreamError.
 */
@Injectable()
export class UpstreamHttpClient implements OnModuleDestroy {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    // No per-origin cap: every open client stream needs its own upstream socket.
    connections: null,
    pipelining: 1,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  private readonly targets = new Map<string, { origin: string; path: string }>();

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
      const response = await this.agent.request({
        ...this.target(url),
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal,
        bodyTimeout: idleTimeoutMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (signal.aborted) {
        throw signal.reason instanceof Error ? signal.reason : new UpstreamError('connection', 'request aborted');
      }
      throw new UpstreamError('connection', `upstream unreachable: ${describeNetworkError(error)}`);
    }
  }

  /** Upstream URLs come from config.yaml, so there are few: each is parsed once, not on every call. */
  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (this.targets.size >= MAX_CACHED_TARGETS) {
        this.targets.clear();
      }
      this.targets.set(url, target);
    }
    return target;
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof errors.UndiciError || error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}

/** undici's error when the body stalled for longer than `idleTimeoutMs`. */
export function isBodyTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'UND_ERR_BODY_TIMEOUT';
}
