import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent, errors, request } from 'undici';
import { UpstreamError } from './llm-provider.interface';

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

  async post(
    url: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<UpstreamHttpResponse> {
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal,
        dispatcher: this.agent,
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
