import { Agent } from 'node:http';
import { readStream } from '../load/sse-client';
import type { TtfbResult } from '../report/results';
import type { Gateway } from '../support/gateway';
import { chatBody } from '../support/payloads';
import { summarize } from '../support/stats';
import { directChatUrl, GATEWAY_HEADERS, type BenchContext } from './bench-context';

const WARMUP = 30;

/**
 * Scenario 5: time to the first SSE chunk, direct vs through the gateway, one request at a time and alternating
 * between the two so both see the same machine state. Keep-alive connections on both sides.
 */
export async function runTtfb(context: BenchContext, gateway: Gateway): Promise<TtfbResult> {
  const body = chatBody({ stream: true, bench: { chunks: 4, chunk_interval_ms: 1 } });
  const directAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const gatewayAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const direct: number[] = [];
  const through: number[] = [];
  try {
    for (let i = 0; i < WARMUP + context.options.ttfbSamples; i += 1) {
      const a = await readStream({ url: directChatUrl(context), body, agent: directAgent });
      const b = await readStream({ url: gateway.chatUrl, body, headers: GATEWAY_HEADERS, agent: gatewayAgent });
      if (!a.done || !b.done) {
        throw new Error(`TTFB stream did not complete: direct ${a.status} ${a.error ?? ''}, gateway ${b.status}`);
      }
      if (i >= WARMUP) {
        direct.push(a.firstChunkMs);
        through.push(b.firstChunkMs);
      }
    }
  } finally {
    directAgent.destroy();
    gatewayAgent.destroy();
  }
  const result = { samples: direct.length, direct: summarize(direct), gateway: summarize(through) };
  context.log(
    `  first chunk: direct p50 ${result.direct.p50.toFixed(3)} ms, gateway p50 ${result.gateway.p50.toFixed(3)} ms`,
  );
  return result;
}
