import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { OnModuleDestroy } from '@nestjs/common';
import { OriginPools, type OriginPoolOptions, type OriginPoolStats } from '../../http/origin-pools';
import type { NodeKeepAliveAgents, VendorHttpClient, VendorHttpResponse } from './vendor.contract';

/**
 * Vendor calls on Warden's one HTTP stack (undici, as upstream calls): one keep-alive pool per vendor origin, shared
 * by every guardrail that calls that origin, at most `connectionsPerOrigin` connections each (calls past it queue).
 * Aborts come from the runner's signal (its timeout, or the client gone). Status codes never throw here; the vendor
 * file decides what a non-2xx means. Bedrock, reached through the AWS SDK, gets keep-alive node:http agents with the
 * same bound, shared by every Bedrock guardrail.
 */
export class PooledVendorHttpClient implements VendorHttpClient, OnModuleDestroy {
  private readonly pools: OriginPools;
  readonly nodeAgents: NodeKeepAliveAgents;

  constructor(options: OriginPoolOptions = { connectionsPerOrigin: 128, keepAliveTimeoutMs: 30_000 }) {
    this.pools = new OriginPools(options);
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.connectionsPerOrigin ?? Infinity,
      maxFreeSockets: Math.min(options.connectionsPerOrigin ?? 256, 256),
      timeout: options.keepAliveTimeoutMs,
    };
    this.nodeAgents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  }

  async postJson(
    url: string,
    json: string,
    options: { headers?: Record<string, string>; signal: AbortSignal },
  ): Promise<VendorHttpResponse> {
    let status: number;
    let text: string;
    let rawHeaders: Record<string, string | string[] | undefined>;
    try {
      const response = await this.pools.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body: json,
        signal: options.signal,
      });
      status = response.statusCode;
      rawHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      throw withErrnoCode(error);
    }
    const headers: Record<string, string> = {};
    for (const key in rawHeaders) {
      const value = rawHeaders[key];
      if (value !== undefined) {
        headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    return { status, json: parseJson(text), text, headers };
  }

  stats(): OriginPoolStats[] {
    return this.pools.stats();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.nodeAgents.http.destroy();
    this.nodeAgents.https.destroy();
    await this.pools.close();
  }
}

/** undici reports a connection the vendor dropped as `UND_ERR_SOCKET`; logs and violation rows say `ECONNRESET`. */
function withErrnoCode(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'UND_ERR_SOCKET') {
    return error;
  }
  const reset = new Error(`connection reset by the vendor (${(error as Error).message})`) as NodeJS.ErrnoException;
  reset.code = 'ECONNRESET';
  return reset;
}

function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
