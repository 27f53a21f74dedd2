import type { LoadResult } from '../load/http-load';
import type { BenchResults, LoadPair } from './results';
import { count, mb, ms, type Table } from './table';
import { checkTargets } from './targets';
import { vendorSections, vendorTargets } from './vendor-section';

export interface Section {
  title: string;
  lines: string[];
  table?: Table;
}

function failures(load: LoadResult): string {
  const bad = load.non2xx + load.errors;
  return bad === 0 ? '0' : `${count(load.non2xx)} non-2xx, ${count(load.errors)} errors`;
}

function targetSection(results: BenchResults): Section {
  return {
    title: 'Targets',
    lines: [],
    table: {
      headers: ['target', 'measured', 'result'],
      rows: [...checkTargets(results), ...vendorTargets(results)].map((check) => [
        check.target,
        check.measured,
        check.pass === undefined ? 'not run' : check.pass ? 'PASS' : 'FAIL',
      ]),
    },
  };
}

function overheadSection(results: BenchResults): Section | undefined {
  const overhead = results.overhead;
  if (!overhead) {
    return undefined;
  }
  const { direct } = overhead;
  const row = (pair: LoadPair, isDirect: boolean): string[] => [
    pair.label,
    count(pair.saturation.rps),
    pair.cpuPerRequestUs.toFixed(0),
    ms(pair.latency.latency.p50),
    ms(pair.latency.latency.p99),
    isDirect ? '-' : ms(pair.latency.latency.p50 - direct.latency.latency.p50),
    isDirect ? '-' : ms(pair.latency.latency.p99 - direct.latency.latency.p99),
    ms(pair.saturation.latency.p50, 2),
    failures(pair.latency) === '0' && failures(pair.saturation) === '0'
      ? '0'
      : `${failures(pair.latency)} / ${failures(pair.saturation)}`,
  ];
  const { latency, saturation } = direct;
  return {
    title: 'Non-streaming overhead (scenarios 1-3)',
    lines: [
      `Latency columns: ${latency.connections} connection(s) sending back to back for ${latency.durationS.toFixed(0)} s ` +
        `(${count(latency.ok)} direct requests; service time, no queueing). Max req/s and its p50: ` +
        `${saturation.connections} connections flat out for ${saturation.durationS.toFixed(0)} s. Added = gateway - direct. ` +
        `CPU µs/req: user + system CPU time of the process under test (mock upstream, bare proxy or gateway; ` +
        `not the mocks behind it) per request in the flat-out run, from /proc: the figure least moved by other load.`,
    ],
    table: {
      headers: [
        'configuration',
        'max req/s',
        'CPU µs/req',
        'p50',
        'p99',
        'added p50',
        'added p99',
        'p50 at max',
        'failures',
      ],
      rows: [row(direct, true), row(overhead.reference, false), ...overhead.gateways.map((pair) => row(pair, false))],
    },
  };
}

function duringCallSection(results: BenchResults): Section | undefined {
  const during = results.duringCall;
  if (!during) {
    return undefined;
  }
  const { load } = during;
  return {
    title: 'during_call (scenario 4)',
    lines: [
      `lakera_v2 during_call, guard ${during.guardMs} ms, upstream ${during.upstreamMs} ms, ${load.connections} ` +
        `connections, ${load.durationS.toFixed(0)} s: ${count(load.ok)} requests, ${load.rps.toFixed(0)} req/s, ` +
        `p50 ${ms(load.latency.p50, 1)}, p90 ${ms(load.latency.p90, 1)}, p99 ${ms(load.latency.p99, 1)}, ` +
        `max ${ms(load.latency.max, 1)}; failures ${failures(load)}. Sequential would be ${during.guardMs + during.upstreamMs} ms.`,
    ],
  };
}

function ttfbSection(results: BenchResults): Section | undefined {
  const t = results.ttfb;
  if (!t) {
    return undefined;
  }
  return {
    title: 'Streaming: time to first chunk (scenario 5)',
    lines: [`${t.samples} streams per side, one at a time, alternating direct and gateway, keep-alive.`],
    table: {
      headers: ['', 'p50', 'p90', 'p99'],
      rows: [
        ['direct', ms(t.direct.p50), ms(t.direct.p90), ms(t.direct.p99)],
        ['gateway', ms(t.gateway.p50), ms(t.gateway.p90), ms(t.gateway.p99)],
        [
          'overhead',
          ms(t.gateway.p50 - t.direct.p50),
          ms(t.gateway.p90 - t.direct.p90),
          ms(t.gateway.p99 - t.direct.p99),
        ],
      ],
    },
  };
}

function streamsSection(results: BenchResults): Section | undefined {
  const s = results.openStreams;
  if (!s) {
    return undefined;
  }
  return {
    title: 'Open streams (scenario 6)',
    lines: [
      `${count(s.streams)} streaming requests through a fresh gateway; the upstream sends a chunk a second for ` +
        `${s.holdS} s. Gateway RSS: ${mb(s.startupRssMb)} idle after start-up, ${mb(s.baselineRssMb)} after a ` +
        `short warm-up, peak ${mb(s.peakRssMb)} (VmHWM). ` +
        `${count(s.maxConcurrentOpen)} streams open at once; ${count(s.completed)} completed, ${count(s.failed)} failed. ` +
        `First chunk: p50 ${ms(s.firstChunk.p50, 1)}, p99 ${ms(s.firstChunk.p99, 1)}, max ${ms(s.firstChunk.max, 1)}; ` +
        `${count(s.delayedFirstChunk)} streams waited more than 1 s for theirs.`,
    ],
  };
}

function violationSection(results: BenchResults): Section | undefined {
  const v = results.violationLog;
  if (!v) {
    return undefined;
  }
  return {
    title: 'Violation log (scenario 7)',
    lines: [
      `Monitor-mode banned_keywords flagging every request, target ${count(v.targetRate)} req/s on ${v.load.connections} ` +
        `connections for ${v.load.durationS.toFixed(0)} s, fresh SQLite file: ${count(v.load.ok)} flagged answers ` +
        `(${count(v.load.rps)} req/s, p50 ${ms(v.load.latency.p50)}, p99 ${ms(v.load.latency.p99)}, failures ${failures(v.load)}; ` +
        `${count(v.cpuPerRequestUs)} µs of gateway CPU per request, all threads). ` +
        `Rows: ${count(v.rowsAtLoadEnd)} when the load stopped, ${count(v.rowsAfterDrain)} after ${ms(v.drainMs, 0)}, ` +
        `${count(v.rowsAfterShutdown)} after SIGTERM. Max backlog (answers - rows) ${count(v.maxBacklog)}; ` +
        `max queue depth on /metrics ${v.maxQueueDepth === undefined ? 'n/a' : count(v.maxQueueDepth)}. ` +
        `RSS ${mb(v.rssStartMb)} -> peak ${mb(v.rssPeakMb)} -> ${mb(v.rssEndMb)}. Gateway log lines: ${count(v.logLines)}.`,
    ],
    table: {
      headers: ['t (s)', '2xx answers', 'rows written', 'answers - rows', 'queue depth (/metrics)', 'RSS'],
      rows: v.samples.map((s) => [
        s.tS.toFixed(1),
        count(s.responses),
        count(s.rows),
        count(s.responses - s.rows),
        s.queueDepth === undefined ? 'n/a' : count(s.queueDepth),
        mb(s.rssMb),
      ]),
    },
  };
}

function detectorSection(results: BenchResults): Section | undefined {
  const timings = results.detectors;
  if (!timings) {
    return undefined;
  }
  return {
    title: 'Built-in detectors (scenario 8, issue #8)',
    lines: [`Per call, in-process (tsx, imported from src/guardrails/vendors/detectors), after warm-up.`],
    table: {
      headers: ['detector', 'prompt', 'chars', 'median', 'p99', 'mean'],
      rows: timings.map((t) => [
        t.detector,
        t.prompt,
        String(t.chars),
        ms(t.stats.p50, 4),
        ms(t.stats.p99, 4),
        ms(t.stats.mean, 4),
      ]),
    },
  };
}

export function machineSection(results: BenchResults): Section {
  const m = results.machine;
  return {
    title: 'Machine',
    lines: [
      `${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, Node ${m.node}, ${m.os}; ${m.date}; commit ${m.commit}; ` +
        `load average ${m.loadAverage.toFixed(2)} at start.`,
      `CPU pinning: ${results.pinning}.`,
      `Settings: ${results.settings}.`,
    ],
  };
}

/** Everything measured, in report order; sections of scenarios not run are left out. */
export function resultSections(results: BenchResults): Section[] {
  return [
    machineSection(results),
    targetSection(results),
    overheadSection(results),
    duringCallSection(results),
    ...vendorSections(results),
    ttfbSection(results),
    streamsSection(results),
    violationSection(results),
    detectorSection(results),
  ].filter((section): section is Section => section !== undefined);
}
