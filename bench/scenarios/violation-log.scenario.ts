import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad, type LoadSpec } from '../load/http-load';
import type { ViolationLogResult, ViolationSample } from '../report/results';
import { chatBody, CLEAN_PROMPT } from '../support/payloads';
import { cpuTimeMs } from '../support/cpu-time';
import { memoryOf } from '../support/proc-status';
import { readQueueDepth } from '../support/queue-depth';
import { ViolationRowCounter } from '../support/sqlite-count';
import { GATEWAY_HEADERS, withGateway, type BenchContext } from './bench-context';
import { FLAG_EVERYTHING_KEYWORD, MONITOR_EVERY_REQUEST } from './guardrail-configs';

const SAMPLE_MS = 500;
const DRAIN_DEADLINE_MS = 15_000;
const CONNECTIONS = 50;

function maxDepth(samples: ViolationSample[]): { maxQueueDepth?: number } {
  const depths = samples.flatMap((s) => (s.queueDepth === undefined ? [] : [s.queueDepth]));
  return depths.length === 0 ? {} : { maxQueueDepth: Math.max(...depths) };
}

/** Polls until the file holds `atLeast` rows or the deadline passes; returns the count and how long it took. */
async function waitForRows(counter: ViolationRowCounter, atLeast: number): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  let rows = await counter.count();
  while (rows < atLeast && performance.now() - started < DRAIN_DEADLINE_MS) {
    await sleep(50);
    rows = await counter.count();
  }
  return { rows, ms: performance.now() - started };
}

/**
 * Scenario 7: every request flagged by a monitor-mode guard, at a target rate, on a fresh SQLite file. Sampled
 * while the load runs: rows in the file, (2xx answers so far) - (rows so far) as an outside bound on the queue,
 * `warden_violation_queue_depth` from /metrics when the build has it, and the gateway's RSS; then the time the rows
 * take to catch up, then the count after SIGTERM (the queue's shutdown flush). Rows from the warm-up are subtracted.
 */
export async function runViolationLog(context: BenchContext, cpuProfileDir?: string): Promise<ViolationLogResult> {
  const { violationRate, durationS, warmupS } = context.options;
  const body = chatBody({ prompt: `${CLEAN_PROMPT}\nAlso: what is the status of ${FLAG_EVERYTHING_KEYWORD}?` });
  let databasePath = '';
  let rowsBefore = 0;
  const measured = await withGateway(
    context,
    'violation-log',
    MONITOR_EVERY_REQUEST,
    async (gateway) => {
      databasePath = gateway.databasePath;
      const spec: LoadSpec = {
        url: gateway.chatUrl,
        headers: GATEWAY_HEADERS,
        body,
        connections: CONNECTIONS,
        durationS,
      };
      const counter = await ViolationRowCounter.open(gateway.databasePath);
      const warmup = await runLoad({ ...spec, durationS: warmupS, rate: violationRate });
      await waitForRows(counter, warmup.ok);
      await sleep(300);
      rowsBefore = await counter.count();
      const rssStartMb = memoryOf(gateway.pid).rssMb;
      const linesBefore = gateway.lines();
      let responses = 0;
      const samples: ViolationSample[] = [];
      const started = performance.now();
      const cpuBefore = cpuTimeMs(gateway.pid);
      const sample = async (): Promise<void> => {
        const [rows, queueDepth] = await Promise.all([counter.count(), readQueueDepth(gateway.url)]);
        samples.push({
          tS: (performance.now() - started) / 1000,
          responses,
          rows: rows - rowsBefore,
          ...(queueDepth === undefined ? {} : { queueDepth }),
          rssMb: memoryOf(gateway.pid).rssMb,
        });
      };
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          await sample();
          await sleep(SAMPLE_MS);
        }
      })();
      const load = await runLoad({
        ...spec,
        rate: violationRate,
        onResponse: (status) => {
          responses += status >= 200 && status < 300 ? 1 : 0;
        },
      });
      sampling = false;
      await sampler;
      const rowsAtLoadEnd = (await counter.count()) - rowsBefore;
      const drained = await waitForRows(counter, rowsBefore + load.ok);
      // Every thread of the gateway (SQLite's writes run on libuv's pool), from the load's start until the rows caught up.
      const cpuPerRequestUs = ((cpuTimeMs(gateway.pid) - cpuBefore) * 1000) / Math.max(1, load.ok + load.non2xx);
      await sample();
      await counter.close();
      return {
        load,
        rowsAtLoadEnd,
        rowsAfterDrain: drained.rows - rowsBefore,
        drainMs: drained.ms,
        cpuPerRequestUs,
        samples,
        rssStartMb,
        rssPeakMb: Math.max(...samples.map((s) => s.rssMb)),
        rssEndMb: memoryOf(gateway.pid).rssMb,
        logLines: gateway.lines() - linesBefore,
        warmupSent: warmup.sent,
        gatewayStartupMs: gateway.readyMs,
      };
    },
    cpuProfileDir,
  );
  const after = await ViolationRowCounter.open(databasePath);
  const rowsAfterShutdown = (await after.count()) - rowsBefore;
  await after.close();
  const result: ViolationLogResult = {
    targetRate: violationRate,
    ...measured,
    rowsAfterShutdown,
    maxBacklog: Math.max(0, ...measured.samples.map((s) => s.responses - s.rows)),
    ...maxDepth(measured.samples),
  };
  context.log(
    `  violation log: ${result.load.rps.toFixed(0)} flagged req/s (target ${violationRate}), ` +
      `${result.load.ok} answered, rows ${result.rowsAtLoadEnd} at load end, ${result.rowsAfterDrain} after ` +
      `${result.drainMs.toFixed(0)} ms, ${rowsAfterShutdown} after shutdown; max backlog ${result.maxBacklog}; ` +
      `${result.cpuPerRequestUs.toFixed(0)} µs of gateway CPU per request`,
  );
  return result;
}
