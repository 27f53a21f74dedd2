import type { BenchResults, LoadPair } from './results';
import type { Section } from './sections';
import { count, ms } from './table';
import {
  LAKERA_CACHE_LABEL,
  LAKERA_DURING_LABEL,
  LAKERA_LABEL,
  NO_GUARD_LABEL,
  PII_LABEL,
  type TargetCheck,
} from './targets';

/** Issue #13's targets, each against the no-guardrail case of the same run. */
export const VENDOR_RPS_RATIO = 0.55;
export const VENDOR_CPU_RATIO = 2;
export const VENDOR_ADDED_MEAN_MS = 0.25;
export const DURING_TOTAL_FACTOR = 1.05;
export const PII_EXTRA_CPU_US = 40;

interface Baseline {
  direct: LoadPair;
  none: LoadPair;
  pii?: LoadPair;
  preCall?: LoadPair;
}

/** The no-guardrail, pii and lakera_v2 pre_call pairs: from the overhead scenario, else measured by scenario 10. */
function baselineOf(results: BenchResults): Baseline | undefined {
  const overhead = results.overhead;
  const find = (label: string): LoadPair | undefined => overhead?.gateways.find((pair) => pair.label === label);
  const none = find(NO_GUARD_LABEL);
  if (overhead && none) {
    const pii = find(PII_LABEL);
    const preCall = find(LAKERA_LABEL);
    return { direct: overhead.direct, none, ...(pii ? { pii } : {}), ...(preCall ? { preCall } : {}) };
  }
  return results.vendor?.baseline;
}

const addedMean = (pair: LoadPair, base: Baseline): number =>
  pair.latency.latency.mean - base.direct.latency.latency.mean;
const failures = (pair: LoadPair): number =>
  pair.latency.non2xx + pair.latency.errors + pair.saturation.non2xx + pair.saturation.errors;
const signed = (value: number, digits = 3): string => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

function pairTargets(name: string, pair: LoadPair | undefined, base: Baseline | undefined): TargetCheck[] {
  const what = `${name} (cache off, mock answering at once)`;
  if (!pair || !base) {
    return [{ target: `${what}: req/s, CPU per request, added mean latency`, measured: 'not run' }];
  }
  const { none } = base;
  const rps = pair.saturation.rps / none.saturation.rps;
  const cpu = pair.cpuPerRequestUs / none.cpuPerRequestUs;
  const extra = addedMean(pair, base) - addedMean(none, base);
  const clean = failures(pair) === 0;
  return [
    {
      target: `${what}: req/s >= ${VENDOR_RPS_RATIO} x no guardrail (${pair.saturation.connections} connections)`,
      measured: `${count(pair.saturation.rps)} vs ${count(none.saturation.rps)}: ${rps.toFixed(2)} x`,
      pass: rps >= VENDOR_RPS_RATIO && clean,
    },
    {
      target: `${what}: CPU/req <= ${VENDOR_CPU_RATIO} x no guardrail`,
      measured: `${pair.cpuPerRequestUs.toFixed(0)} vs ${none.cpuPerRequestUs.toFixed(0)} µs: ${cpu.toFixed(2)} x`,
      pass: cpu <= VENDOR_CPU_RATIO && clean,
    },
    {
      target: `${what}: added mean latency <= no guardrail's + ${VENDOR_ADDED_MEAN_MS} ms (${pair.latency.connections} connection)`,
      measured: `${ms(addedMean(pair, base))} vs ${ms(addedMean(none, base))}: ${signed(extra)} ms`,
      pass: extra <= VENDOR_ADDED_MEAN_MS && clean,
    },
  ];
}

function delayTargets(results: BenchResults): TargetCheck[] {
  const during = results.vendor?.during;
  if (!during) {
    return [
      {
        target: `during_call total <= ${DURING_TOTAL_FACTOR} x the slower of Lakera and upstream`,
        measured: 'not run',
      },
    ];
  }
  return during.delays.map(({ guardMs, upstreamMs, load }) => {
    const slower = Math.max(guardMs, upstreamMs);
    const limit = DURING_TOTAL_FACTOR * slower;
    const direct = during.directDelayed.find((run) => run.upstreamMs === slower);
    const plain = during.plainDelayed.find((run) => run.upstreamMs === slower);
    return {
      target: `during_call, Lakera ${guardMs} ms || upstream ${upstreamMs} ms: mean <= ${DURING_TOTAL_FACTOR} x ${slower} = ${limit.toFixed(1)} ms`,
      measured:
        `mean ${ms(load.latency.mean, 2)}, p50 ${ms(load.latency.p50, 2)}, p99 ${ms(load.latency.p99, 2)}` +
        (direct && plain
          ? ` (upstream ${slower} ms alone: direct mean ${ms(direct.load.latency.mean, 2)}, no guardrail ` +
            `${ms(plain.load.latency.mean, 2)})`
          : ''),
      pass: load.latency.mean <= limit && load.non2xx === 0 && load.errors === 0,
    };
  });
}

function piiTarget(base: Baseline | undefined): TargetCheck {
  const target = `pii pre_call: CPU/req <= no guardrail's + ${PII_EXTRA_CPU_US} µs`;
  if (!base?.pii) {
    return { target, measured: 'not run' };
  }
  const extra = base.pii.cpuPerRequestUs - base.none.cpuPerRequestUs;
  return {
    target,
    measured: `${base.pii.cpuPerRequestUs.toFixed(0)} vs ${base.none.cpuPerRequestUs.toFixed(0)} µs: ${signed(extra, 0)} µs`,
    pass: extra <= PII_EXTRA_CPU_US && failures(base.pii) === 0,
  };
}

function cacheTargets(results: BenchResults, base: Baseline | undefined): TargetCheck[] {
  const cache = results.vendor?.cache;
  if (!cache || !base?.pii) {
    return [{ target: 'lakera_v2 cache hit costs no more than pii pre_call', measured: 'not run' }];
  }
  const { pair } = cache;
  const { pii } = base;
  const lookups = cache.lookups
    ? `; /metrics: ${count(cache.lookups.hit)} hits, ${count(cache.lookups.miss)} misses`
    : '';
  return [
    {
      target: 'lakera_v2 cache: every check after the priming request is a hit (no vendor call)',
      measured:
        `${count(cache.primingCalls)} Lakera call(s) to prime; ${count(cache.loadCalls)} for the ` +
        `${count(cache.loadRequests)} requests after${lookups}`,
      pass: cache.loadCalls === 0 && cache.primingCalls >= 1,
    },
    {
      target: 'lakera_v2 cache hit: CPU/req <= pii pre_call',
      measured:
        `${pair.cpuPerRequestUs.toFixed(0)} vs ${pii.cpuPerRequestUs.toFixed(0)} µs ` +
        `(${signed(pair.cpuPerRequestUs - pii.cpuPerRequestUs, 0)} µs; no guardrail ${base.none.cpuPerRequestUs.toFixed(0)})`,
      pass: pair.cpuPerRequestUs <= pii.cpuPerRequestUs && failures(pair) === 0,
    },
    {
      target: 'lakera_v2 cache hit: added mean latency <= pii pre_call',
      measured: `${ms(addedMean(pair, base))} vs ${ms(addedMean(pii, base))}: ${signed(addedMean(pair, base) - addedMean(pii, base))} ms`,
      pass: addedMean(pair, base) <= addedMean(pii, base) && failures(pair) === 0,
    },
  ];
}

/** Every issue #13 target: lakera_v2 pre_call and during_call against no guardrail, pii's CPU, the cache. */
export function vendorTargets(results: BenchResults): TargetCheck[] {
  const base = baselineOf(results);
  if (!base && !results.vendor) {
    return [{ target: 'issue #13 targets (vendor calls, verdict cache)', measured: 'not run' }];
  }
  return [
    ...pairTargets('lakera_v2 pre_call', base?.preCall, base),
    ...pairTargets('lakera_v2 during_call', results.vendor?.during?.atOnce, base),
    ...delayTargets(results),
    piiTarget(base),
    ...cacheTargets(results, base),
  ];
}

/** The gateway's one core: CPU time over the flat-out run's length. */
const busy = (pair: LoadPair): number =>
  (pair.cpuPerRequestUs * (pair.saturation.ok + pair.saturation.non2xx)) / (pair.saturation.durationS * 1e6);

export function vendorSections(results: BenchResults): Section[] {
  const vendor = results.vendor;
  const base = baselineOf(results);
  if (!vendor || !base) {
    return [];
  }
  const { none } = base;
  const pairs = [none, base.pii, base.preCall, vendor.during?.atOnce, vendor.cache?.pair].filter(
    (pair): pair is LoadPair => pair !== undefined,
  );
  const calls = (pair: LoadPair): string =>
    pair.label === LAKERA_DURING_LABEL && vendor.during
      ? `${count(vendor.during.vendorCalls)} for ${count(vendor.during.requests)} requests`
      : pair.label === LAKERA_CACHE_LABEL && vendor.cache
        ? `${count(vendor.cache.loadCalls)} for ${count(vendor.cache.loadRequests)} requests`
        : '-';
  const sections: Section[] = [
    {
      title: 'Vendor calls and the verdict cache (scenario 10, issue #13)',
      lines: [
        `Same run, same body, same runs as scenarios 1-3 (latency: ${none.latency.connections} connection(s) back to ` +
          `back; req/s and CPU: ${none.saturation.connections} connections flat out). Mock Lakera and mock upstream ` +
          `answer at once. Added mean = gateway mean - direct mean (${ms(base.direct.latency.latency.mean)}). ` +
          `"core busy": the gateway's CPU time over the flat-out run (below 100 %, something else limited req/s: ` +
          `the load client and both mocks share the other core). Lakera calls: screenings the mock received ` +
          `(warm-up included; for the cache, after the priming request). The cache guardrail has ` +
          `cache_ttl_seconds: ${vendor.cache?.ttlSeconds ?? 'n/a'}; every other guardrail has the cache off.` +
          (vendor.lakeraDirect
            ? ` The mock Lakera alone (a screening like the guardrail's, straight to it, ` +
              `${vendor.lakeraDirect.connections} connection back to back): mean ` +
              `${ms(vendor.lakeraDirect.latency.mean)}, p50 ${ms(vendor.lakeraDirect.latency.p50)}.`
            : ''),
      ],
      table: {
        headers: [
          'configuration',
          'max req/s',
          'x none',
          'CPU µs/req',
          'x none',
          'core busy',
          'added mean',
          'added p50',
          'Lakera calls',
          'failures',
        ],
        rows: pairs.map((pair) => [
          pair.label,
          count(pair.saturation.rps),
          (pair.saturation.rps / none.saturation.rps).toFixed(2),
          pair.cpuPerRequestUs.toFixed(0),
          (pair.cpuPerRequestUs / none.cpuPerRequestUs).toFixed(2),
          `${(busy(pair) * 100).toFixed(0)} %`,
          ms(addedMean(pair, base)),
          ms(pair.latency.latency.p50 - base.direct.latency.latency.p50),
          calls(pair),
          String(failures(pair)),
        ]),
      },
    },
  ];
  const during = vendor.during;
  if (during) {
    sections.push({
      title: 'during_call with delayed answers (scenario 10, issue #13)',
      lines: [
        `lakera_v2 during_call; the mock Lakera answers after the guardrail's delay, the mock upstream after the ` +
          `request's; ${during.delays[0]?.load.connections ?? 1} connection(s) back to back. Sequential would be the sum. ` +
          `Beside it, the upstream alone at the slower delay, direct and through a gateway with no guardrail (same pace).`,
      ],
      table: {
        headers: [
          'Lakera',
          'upstream',
          'limit',
          'mean',
          'p50',
          'p99',
          'max',
          'requests',
          'upstream alone: direct mean',
          'no guardrail mean',
        ],
        rows: during.delays.map(({ guardMs, upstreamMs, load }) => {
          const slower = Math.max(guardMs, upstreamMs);
          const direct = during.directDelayed.find((run) => run.upstreamMs === slower);
          const plain = during.plainDelayed.find((run) => run.upstreamMs === slower);
          return [
            `${guardMs} ms`,
            `${upstreamMs} ms`,
            ms(DURING_TOTAL_FACTOR * slower, 1),
            ms(load.latency.mean, 2),
            ms(load.latency.p50, 2),
            ms(load.latency.p99, 2),
            ms(load.latency.max, 2),
            count(load.ok),
            direct ? ms(direct.load.latency.mean, 2) : 'n/a',
            plain ? ms(plain.load.latency.mean, 2) : 'n/a',
          ];
        }),
      },
    });
  }
  return sections;
}
