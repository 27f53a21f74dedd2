import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from '../load/http-load';
import { readStream, type StreamOutcome } from '../load/sse-client';
import type { OpenStreamsResult } from '../report/results';
import { chatBody } from '../support/payloads';
import { memoryOf, sampleRss } from '../support/proc-status';
import { summarize } from '../support/stats';
import { GATEWAY_HEADERS, withGateway, type BenchContext } from './bench-context';

/** Opened in batches so the listen backlog is never the bottleneck. */
const BATCH = 100;
const BATCH_GAP_MS = 20;

/**
 * Scenario 6: N streaming requests open at once through a fresh gateway; the upstream sends one chunk a second for
 * `holdS` seconds. Peak RSS is the gateway's VmHWM (the kernel's own high-water mark), also sampled every 250 ms.
 */
export function runOpenStreams(context: BenchContext): Promise<OpenStreamsResult> {
  const { streams, holdS, warmupS } = context.options;
  return withGateway(context, 'open-streams', [], async (gateway) => {
    const startupRssMb = memoryOf(gateway.pid).rssMb;
    await runLoad({
      url: gateway.chatUrl,
      headers: GATEWAY_HEADERS,
      body: chatBody(),
      connections: 10,
      durationS: warmupS,
    });
    const baselineRssMb = memoryOf(gateway.pid).rssMb;
    const sampler = sampleRss(gateway.pid);
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const body = chatBody({ stream: true, bench: { chunks: holdS + 1, chunk_interval_ms: 1000 } });
    let open = 0;
    let maxConcurrentOpen = 0;
    const pending: Array<Promise<StreamOutcome>> = [];
    for (let i = 0; i < streams; i += 1) {
      pending.push(
        readStream({
          url: gateway.chatUrl,
          body,
          headers: GATEWAY_HEADERS,
          agent,
          onFirstChunk: () => {
            open += 1;
            maxConcurrentOpen = Math.max(maxConcurrentOpen, open);
          },
        }).then((outcome) => {
          if (!Number.isNaN(outcome.firstChunkMs)) {
            open -= 1;
          }
          return outcome;
        }),
      );
      if ((i + 1) % BATCH === 0) {
        await sleep(BATCH_GAP_MS);
      }
    }
    const outcomes = await Promise.all(pending);
    const memory = sampler.stop();
    agent.destroy();
    const firstChunks = outcomes.map((o) => o.firstChunkMs).filter((ms) => !Number.isNaN(ms));
    const result: OpenStreamsResult = {
      streams,
      holdS,
      startupRssMb,
      baselineRssMb,
      peakRssMb: memory.peakRssMb,
      maxConcurrentOpen,
      completed: outcomes.filter((o) => o.status === 200 && o.done).length,
      failed: outcomes.filter((o) => o.status !== 200 || !o.done).length,
      firstChunk: summarize(firstChunks),
      delayedFirstChunk: firstChunks.filter((ms) => ms > 1000).length,
    };
    context.log(
      `  ${streams} streams: peak RSS ${result.peakRssMb.toFixed(1)} MB (baseline ${baselineRssMb.toFixed(1)} MB), ` +
        `${maxConcurrentOpen} open at once, ${result.completed} completed, ${result.failed} failed, ` +
        `${result.delayedFirstChunk} waited > 1 s for their first chunk`,
    );
    return result;
  });
}
