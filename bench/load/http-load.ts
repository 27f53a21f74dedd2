import autocannon from 'autocannon';
import { summarize, type LatencyStats } from '../support/stats';

export interface LoadSpec {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  /** Fixed overall request rate; absent: as fast as the server answers (saturation). */
  rate?: number;
  /** Called for every response (the violation-log scenario counts them as they come). */
  onResponse?: (statusCode: number) => void;
  /** Keep every 2xx latency in the result (`samples`), to pool several short runs into one distribution. */
  keepSamples?: boolean;
}

export interface LoadResult {
  connections: number;
  rate?: number;
  durationS: number;
  /** 2xx answers per second. */
  rps: number;
  /** Requests sent, including those still unanswered when the time was up. */
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Over 2xx answers, exact (from each response's own timing, not autocannon's whole-millisecond histogram). */
  latency: LatencyStats;
  /** Every 2xx latency (ms), in arrival order, when `keepSamples` was asked. */
  samples?: number[];
}

/** One bounded autocannon run on loopback: fixed duration and connection count, optionally a fixed rate. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        body: spec.body,
        connections: spec.connections,
        duration: spec.durationS,
        ...(spec.rate ? { overallRate: spec.rate } : {}),
        timeout: 30,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          connections: spec.connections,
          ...(spec.rate ? { rate: spec.rate } : {}),
          durationS: result.duration,
          rps: result['2xx'] / result.duration,
          sent: result.requests.sent,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          latency: summarize(latencies),
          ...(spec.keepSamples ? { samples: latencies } : {}),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) {
        latencies.push(responseTime);
      }
      spec.onResponse?.(statusCode);
    });
  });
}
