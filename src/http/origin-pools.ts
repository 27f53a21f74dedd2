import { Pool, type Dispatcher } from 'undici';

const MAX_CACHED_TARGETS = 1_000;

export interface OriginPoolOptions {
  /** Connections per origin; `null`: no cap (every open client stream of an upstream needs its own socket). */
  connectionsPerOrigin: number | null;
  /** How long an idle keep-alive connection is kept open. */
  keepAliveTimeoutMs: number;
}

export interface HttpTarget {
  origin: string;
  path: string;
}

export interface PooledRequest {
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Longest wait for the next piece of the body once the headers are in; 0 waits for ever. */
  bodyTimeoutMs?: number;
}

/** What one origin's pool is doing, for `/metrics`. */
export interface OriginPoolStats {
  origin: string;
  connected: number;
  free: number;
  pending: number;
  running: number;
}

/**
 * Warden's one HTTP stack (undici), for upstreams and vendors alike: one keep-alive `Pool` per origin, created on
 * first use and shared by every caller of that origin, with its connection count bounded by `connectionsPerOrigin`
 * (requests past the bound queue in the pool). Aborts come from the caller's signal. URLs are parsed once.
 */
export class OriginPools {
  private readonly pools = new Map<string, Pool>();
  private readonly targets = new Map<string, HttpTarget>();
  private closed = false;

  constructor(private readonly options: OriginPoolOptions) {}

  request(url: string, request: PooledRequest): Promise<Dispatcher.ResponseData> {
    const { origin, path } = this.target(url);
    return this.poolFor(origin).request({
      path,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      bodyTimeout: request.bodyTimeoutMs ?? 0,
    });
  }

  /** The pool every caller of `origin` shares (created on first use). */
  poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      if (this.closed) {
        throw new Error('HTTP client closed');
      }
      pool = new Pool(origin, {
        connections: this.options.connectionsPerOrigin,
        pipelining: 1,
        keepAliveTimeout: this.options.keepAliveTimeoutMs,
        keepAliveMaxTimeout: Math.max(600_000, this.options.keepAliveTimeoutMs),
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  stats(): OriginPoolStats[] {
    return [...this.pools].map(([origin, pool]) => {
      const { connected, free, pending, running } = pool.stats;
      return { origin, connected, free, pending, running };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  /** URLs come from config (upstreams, vendors' api_base): few, each parsed once rather than on every call. */
  private target(url: string): HttpTarget {
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
}

/** A network failure as one short line: `ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1`. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
