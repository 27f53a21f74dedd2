import type { LoadResult } from '../load/http-load';
import type { MachineInfo } from '../support/machine';
import type { LatencyStats } from '../support/stats';
import type { CacheLookups } from '../support/vendor-probes';

/** One configuration measured twice: back-to-back on few connections (latency) and flat out (throughput). */
export interface LoadPair {
  label: string;
  latency: LoadResult;
  saturation: LoadResult;
  /** CPU time of the process under test per request answered in the saturation run (µs). */
  cpuPerRequestUs: number;
  /** Requests sent in the unmeasured warm-up before the two runs. */
  warmupSent?: number;
}

export interface OverheadResults {
  direct: LoadPair;
  /** Fastify + undici with nothing else: the stack's own floor (bench/reference). */
  reference: LoadPair;
  gateways: LoadPair[];
}

export interface DuringCallResult {
  guardMs: number;
  upstreamMs: number;
  load: LoadResult;
}

export interface TtfbResult {
  samples: number;
  direct: LatencyStats;
  gateway: LatencyStats;
}

export interface OpenStreamsResult {
  streams: number;
  holdS: number;
  /** Gateway RSS right after start-up, idle. */
  startupRssMb: number;
  /** Gateway RSS after a short warm-up, before the streams. */
  baselineRssMb: number;
  /** VmHWM at the end: the kernel's peak for the gateway process. */
  peakRssMb: number;
  /** Streams open at the same moment (first chunk received, not yet ended). */
  maxConcurrentOpen: number;
  completed: number;
  failed: number;
  firstChunk: LatencyStats;
  /** Streams whose first chunk took longer than a second: they waited for an upstream connection. */
  delayedFirstChunk: number;
}

export interface ViolationSample {
  tS: number;
  responses: number;
  rows: number;
  /** `warden_violation_queue_depth` from /metrics, when the build has it. */
  queueDepth?: number;
  rssMb: number;
}

export interface ViolationLogResult {
  targetRate: number;
  load: LoadResult;
  rowsAtLoadEnd: number;
  rowsAfterDrain: number;
  rowsAfterShutdown: number;
  drainMs: number;
  /** The gateway's CPU time (all threads) from the load's start until the rows caught up, per answered request. */
  cpuPerRequestUs: number;
  /** max(2xx answers so far - rows written so far) over the samples: an upper bound on the queue depth. */
  maxBacklog: number;
  /** Largest `warden_violation_queue_depth` sampled, when /metrics has it. */
  maxQueueDepth?: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  samples: ViolationSample[];
  logLines: number;
  warmupSent: number;
  gatewayStartupMs: number;
}

export interface DetectorTiming {
  detector: string;
  prompt: string;
  chars: number;
  stats: LatencyStats;
}

/** One API call, through the gateway and direct, from scenario 9's interleaved latency slices and flat-out run. */
export interface EndpointCaseResult {
  api: string;
  stream: boolean;
  label: string;
  /** Pooled over every round's slice (1 connection, back to back). */
  direct: LatencyStats;
  gateway: LatencyStats;
  /** Requests/s at the latency runs' connection count (1 by default). */
  directRps: number;
  gatewayRps: number;
  /** Gateway p50 - direct p50 of each round's pair of slices, in round order. */
  addedP50ByRound: number[];
  /** Through the gateway, flat out. */
  saturation: LoadResult;
  /** Gateway CPU time (all threads) per request answered in the flat-out run. */
  cpuPerRequestUs: number;
  /** non-2xx answers and errors, all runs of the case. */
  failures: number;
}

export interface EndpointOverheadResults {
  rounds: number;
  sliceS: number;
  latencyConnections: number;
  saturationConnections: number;
  saturationS: number;
  cases: EndpointCaseResult[];
}

/** One during_call configuration with delayed answers: through the gateway, back to back (latency connections). */
export interface VendorDelayRun {
  guardMs: number;
  upstreamMs: number;
  load: LoadResult;
}

export interface VendorDuringResult {
  /** lakera_v2 during_call, the mock Lakera and the mock upstream answering at once. */
  atOnce: LoadPair;
  /** Screenings the mock Lakera received during atOnce's warm-up and runs (one per request: the guard really ran). */
  vendorCalls: number;
  /** Requests answered in atOnce's warm-up and runs. */
  requests: number;
  delays: VendorDelayRun[];
  /** Direct to the mock upstream delayed by the slower side of each pair: how late the mocks' timers fire. */
  directDelayed: Array<{ upstreamMs: number; load: LoadResult }>;
  /** Through a gateway with no guardrail, the upstream delayed the same way: the gateway's own cost at that pace. */
  plainDelayed: Array<{ upstreamMs: number; load: LoadResult }>;
}

export interface VendorCacheResult {
  guardrail: string;
  ttlSeconds: number;
  /** Every check after the priming request is a hit (the same prompt every time). */
  pair: LoadPair;
  /** Screenings the mock Lakera received for the one priming request, then during the warm-up and measured runs. */
  primingCalls: number;
  loadCalls: number;
  /** Requests sent in the warm-up and measured runs (answered or not). */
  loadRequests: number;
  /** `warden_guardrail_cache_lookups_total` at the end, priming included. */
  lookups?: CacheLookups;
}

/** Issue #13 (scenario 10): vendor calls against the no-guardrail case of the same run. */
export interface VendorResults {
  /** Straight to the mock Lakera, a screening like the guardrail's, back to back: the vendor round trip's floor. */
  lakeraDirect?: LoadResult;
  /** Measured here only when the overhead scenario did not run (it measures the same configurations). */
  baseline?: { direct: LoadPair; none: LoadPair; pii?: LoadPair };
  during?: VendorDuringResult;
  cache?: VendorCacheResult;
}

export interface BenchResults {
  machine: MachineInfo;
  pinning: string;
  settings: string;
  overhead?: OverheadResults;
  duringCall?: DuringCallResult;
  vendor?: VendorResults;
  ttfb?: TtfbResult;
  openStreams?: OpenStreamsResult;
  violationLog?: ViolationLogResult;
  detectors?: DetectorTiming[];
  endpoints?: EndpointOverheadResults;
}
