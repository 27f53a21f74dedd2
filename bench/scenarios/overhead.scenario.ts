import { runLoad } from '../load/http-load';
import type { LoadPair } from '../report/results';
import { chatBody } from '../support/payloads';
import { cpuTimeMs } from '../support/cpu-time';
import type { BenchContext } from './bench-context';

export interface Target {
  label: string;
  url: string;
  headers?: Record<string, string>;
  /** The process under test (gateway, bare proxy or mock upstream), for its CPU time per request. */
  pid: number;
}

/**
 * Scenarios 1-3, one configuration: warm-up, then a latency run (one request at a time by default: service time,
 * no queueing) and a saturation run (requests/s). Same body, connection counts and durations for every configuration.
 */
export async function measurePair(context: BenchContext, target: Target, body = chatBody()): Promise<LoadPair> {
  const { options } = context;
  const base = { url: target.url, body, ...(target.headers ? { headers: target.headers } : {}) };
  const warmup = await runLoad({ ...base, connections: options.connections, durationS: options.warmupS });
  const latency = await runLoad({ ...base, connections: options.latencyConnections, durationS: options.durationS });
  const cpuBefore = cpuTimeMs(target.pid);
  const saturation = await runLoad({ ...base, connections: options.connections, durationS: options.durationS });
  const cpuPerRequestUs = ((cpuTimeMs(target.pid) - cpuBefore) * 1000) / Math.max(1, saturation.ok + saturation.non2xx);
  context.log(
    `  ${target.label}: p50 ${latency.latency.p50.toFixed(3)} ms, p99 ${latency.latency.p99.toFixed(3)} ms on ` +
      `${options.latencyConnections} connection(s); ${saturation.rps.toFixed(0)} req/s max, ` +
      `${cpuPerRequestUs.toFixed(0)} µs CPU per request` +
      (latency.non2xx + saturation.non2xx + latency.errors + saturation.errors > 0
        ? ` (non-2xx ${latency.non2xx + saturation.non2xx}, errors ${latency.errors + saturation.errors})`
        : ''),
  );
  return { label: target.label, latency, saturation, cpuPerRequestUs, warmupSent: warmup.sent };
}
