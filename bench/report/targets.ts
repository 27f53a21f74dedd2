import type { BenchResults, LoadPair } from './results';
import { count, mb, ms } from './table';

export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined: the scenario was not run. */
  pass?: boolean;
}

export const ADDED_P50_NO_GUARD_MS = 1;
export const ADDED_P50_PII_MS = 2;
export const DURING_CALL_FACTOR = 1.1;
export const TTFB_OVERHEAD_MS = 2;
export const STREAMS_RSS_MB = 200;
export const DETECTOR_MEDIAN_MS = 0.2;
/** The violation queue "keeps up": all rows written within this long after the load stops. */
export const VIOLATION_DRAIN_MS = 1000;

export const REFERENCE_LABEL = 'reference: bare Fastify + undici proxy';
export const NO_GUARD_LABEL = 'gateway, no guardrail';
export const PII_LABEL = 'gateway + pii pre_call';
export const LAKERA_LABEL = 'gateway + lakera_v2 pre_call';
export const LAKERA_DURING_LABEL = 'gateway + lakera_v2 during_call';
export const LAKERA_CACHE_LABEL = 'gateway + lakera_v2 pre_call, cache hits';

export function addedP50(results: BenchResults, label: string): number | undefined {
  const pair = results.overhead?.gateways.find((g: LoadPair) => g.label === label);
  return pair && results.overhead ? pair.latency.latency.p50 - results.overhead.direct.latency.latency.p50 : undefined;
}

function addedLatency(results: BenchResults, label: string, limit: number): TargetCheck {
  const added = addedP50(results, label);
  return {
    target: `added p50 < ${limit} ms (${label.replace('gateway, ', '').replace('gateway + ', '')})`,
    measured: added === undefined ? 'not run' : ms(added),
    ...(added === undefined ? {} : { pass: added < limit }),
  };
}

function duringCall(results: BenchResults): TargetCheck {
  const during = results.duringCall;
  if (!during) {
    return { target: 'during_call total < 1.1 x max(guard, upstream)', measured: 'not run' };
  }
  const limit = DURING_CALL_FACTOR * Math.max(during.guardMs, during.upstreamMs);
  return {
    target: `during_call p50 < ${DURING_CALL_FACTOR} x max(${during.guardMs}, ${during.upstreamMs}) = ${limit.toFixed(0)} ms`,
    measured: `p50 ${ms(during.load.latency.p50, 1)}, p99 ${ms(during.load.latency.p99, 1)}`,
    pass: during.load.latency.p50 < limit && during.load.non2xx === 0 && during.load.errors === 0,
  };
}

function ttfb(results: BenchResults): TargetCheck {
  const t = results.ttfb;
  const overhead = t ? t.gateway.p50 - t.direct.p50 : undefined;
  return {
    target: `first-chunk overhead p50 < ${TTFB_OVERHEAD_MS} ms`,
    measured: overhead === undefined ? 'not run' : ms(overhead),
    ...(overhead === undefined ? {} : { pass: overhead < TTFB_OVERHEAD_MS }),
  };
}

function openStreams(results: BenchResults): TargetCheck {
  const s = results.openStreams;
  if (!s) {
    return { target: `RSS < ${STREAMS_RSS_MB} MB with 1,000 open streams`, measured: 'not run' };
  }
  const allOpen = s.maxConcurrentOpen >= s.streams;
  return {
    target: `RSS < ${STREAMS_RSS_MB} MB with ${count(s.streams)} open streams`,
    measured: `${mb(s.peakRssMb)} peak; ${count(s.maxConcurrentOpen)} of ${count(s.streams)} open at once`,
    pass: s.peakRssMb < STREAMS_RSS_MB && allOpen && s.failed === 0,
  };
}

function violationLog(results: BenchResults): TargetCheck {
  const v = results.violationLog;
  if (!v) {
    return { target: 'violation log keeps up with 2,000 flagged req/s (SQLite)', measured: 'not run' };
  }
  const reached = v.load.rps >= 0.95 * v.targetRate;
  // Requests still in flight when the time was up were flagged too: between answered and sent.
  const complete = v.rowsAfterDrain >= v.load.ok && v.rowsAfterShutdown <= v.load.sent;
  return {
    target: `violation log keeps up with ${count(v.targetRate)} flagged req/s (SQLite)`,
    measured:
      `${count(v.load.rps)} req/s achieved; ${count(v.rowsAfterShutdown)} rows for ${count(v.load.ok)} answered ` +
      `(${count(v.load.sent)} sent); ` +
      `caught up ${ms(v.drainMs, 0)} after load; max queue depth ${count(v.maxQueueDepth ?? v.maxBacklog)}`,
    pass: reached && complete && v.drainMs < VIOLATION_DRAIN_MS,
  };
}

function detectors(results: BenchResults): TargetCheck[] {
  const timings = results.detectors ?? [];
  const names = [...new Set(timings.map((t) => t.detector))];
  if (names.length === 0) {
    return [{ target: `built-in detectors median < ${DETECTOR_MEDIAN_MS} ms (2 KB prompt)`, measured: 'not run' }];
  }
  return names.map((name) => {
    const own = timings.filter((t) => t.detector === name);
    return {
      target: `${name} detector median < ${DETECTOR_MEDIAN_MS} ms (2 KB prompt)`,
      measured: own.map((t) => `${ms(t.stats.p50, 4)} (${t.prompt})`).join(', '),
      pass: own.every((t) => t.stats.p50 < DETECTOR_MEDIAN_MS),
    };
  });
}

/** Issue #5 and #8 targets, each with what was measured and pass/fail. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  return [
    addedLatency(results, NO_GUARD_LABEL, ADDED_P50_NO_GUARD_MS),
    addedLatency(results, PII_LABEL, ADDED_P50_PII_MS),
    duringCall(results),
    ttfb(results),
    openStreams(results),
    violationLog(results),
    ...detectors(results),
  ];
}
