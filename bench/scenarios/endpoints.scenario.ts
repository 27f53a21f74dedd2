import { runLoad, type LoadResult } from '../load/http-load';
import type { EndpointCaseResult, EndpointOverheadResults } from '../report/results';
import { cpuTimeMs } from '../support/cpu-time';
import {
  ANTHROPIC_HEADERS,
  chatBody,
  completionsBody,
  embeddingsBody,
  messagesBody,
  responsesBody,
} from '../support/payloads';
import { summarize } from '../support/stats';
import { GATEWAY_HEADERS, withGateway, type BenchContext } from './bench-context';

/** One API call measured through the gateway and against the mock upstream directly. */
export interface EndpointCase {
  /** `chat`, `responses`, `messages`, `completions`, `embeddings`; the chat case of the same `stream` is the baseline. */
  api: string;
  stream: boolean;
  path: string;
  body: string;
  headers?: Record<string, string>;
  /** A string only the mock's native answer holds (its id): proves the call went through natively, not translated. */
  marker: string;
  /** How the answer must end (the stream's terminal event), when it streams. */
  ending?: string;
}

/** Same 2 KB prompt everywhere; streams with 6 text deltas (chat: role chunk + 6 words + finish chunk). */
export const ENDPOINT_CASES: EndpointCase[] = [
  { api: 'chat', stream: false, path: '/v1/chat/completions', body: chatBody(), marker: 'chatcmpl-bench0001' },
  { api: 'responses', stream: false, path: '/v1/responses', body: responsesBody(), marker: '"resp_bench0001"' },
  {
    api: 'messages',
    stream: false,
    path: '/v1/messages',
    body: messagesBody(),
    headers: ANTHROPIC_HEADERS,
    marker: '"msg_bench0001"',
  },
  { api: 'completions', stream: false, path: '/v1/completions', body: completionsBody(), marker: 'cmpl-bench0001' },
  { api: 'embeddings', stream: false, path: '/v1/embeddings', body: embeddingsBody(), marker: '"embedding"' },
  {
    api: 'chat',
    stream: true,
    path: '/v1/chat/completions',
    body: chatBody({ stream: true }),
    marker: 'chatcmpl-bench0001',
    ending: 'data: [DONE]',
  },
  {
    api: 'responses',
    stream: true,
    path: '/v1/responses',
    body: responsesBody({ stream: true }),
    marker: '"resp_bench0001"',
    ending: 'event: response.completed',
  },
  {
    api: 'messages',
    stream: true,
    path: '/v1/messages',
    body: messagesBody({ stream: true }),
    headers: ANTHROPIC_HEADERS,
    marker: '"msg_bench0001"',
    ending: 'event: message_stop',
  },
];

export function caseLabel(c: Pick<EndpointCase, 'api' | 'stream' | 'path'>): string {
  return `${c.path}${c.stream ? ' (stream)' : ''}`;
}

/** Durations: short interleaved slices, so drift of a shared machine hits every endpoint alike. */
export function endpointPlan(options: BenchContext['options']): {
  rounds: number;
  sliceS: number;
  saturationS: number;
} {
  return {
    rounds: options.quick ? 2 : Math.max(2, Math.round(options.durationS / 2)),
    sliceS: 1,
    saturationS: options.quick ? 1 : Math.max(2, Math.round(options.durationS / 3)),
  };
}

/** One request each way, before any load: a 200 in the API's own format, from the native route. */
async function checkCase(url: string, c: EndpointCase, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...c.headers },
    body: c.body,
  });
  const text = await response.text();
  const ended = c.ending === undefined || text.trimEnd().split('\n\n').at(-1)?.startsWith(c.ending);
  if (response.status !== 200 || !text.includes(c.marker) || !ended) {
    throw new Error(`${caseLabel(c)} at ${url}: ${response.status}, not the native answer: ${text.slice(0, 300)}`);
  }
}

interface Side {
  samples: number[];
  ok: number;
  seconds: number;
  non2xx: number;
  errors: number;
}

const emptySide = (): Side => ({ samples: [], ok: 0, seconds: 0, non2xx: 0, errors: 0 });

function add(side: Side, load: LoadResult): void {
  for (const sample of load.samples ?? []) {
    side.samples.push(sample);
  }
  side.ok += load.ok;
  side.seconds += load.durationS;
  side.non2xx += load.non2xx;
  side.errors += load.errors;
}

/**
 * Scenario 9 (issue #12): every API through one no-guardrail gateway against the mock upstream directly, in one run.
 * Latency: `rounds` rounds; in each, every case gets a one-second slice direct and one through the gateway (1
 * connection, back to back; the case order rotates and the side order alternates from round to round). Each side's
 * samples are pooled over the rounds; added = gateway - direct, per percentile and per round. Then one flat-out run
 * per case through the gateway (requests/s, and the gateway's CPU time per request).
 */
export async function runEndpointOverhead(context: BenchContext): Promise<EndpointOverheadResults> {
  const { options, log } = context;
  const plan = endpointPlan(options);
  const cases = ENDPOINT_CASES;
  const directUrl = (c: EndpointCase): string => `${context.upstream.url}${c.path}`;
  return withGateway(context, 'endpoints', [], async (gateway) => {
    const gatewayUrl = (c: EndpointCase): string => `${gateway.url}${c.path}`;
    for (const c of cases) {
      await checkCase(directUrl(c), c, {});
      await checkCase(gatewayUrl(c), c, GATEWAY_HEADERS);
    }
    const load = (c: EndpointCase, viaGateway: boolean, connections: number, durationS: number, keep = false) =>
      runLoad({
        url: viaGateway ? gatewayUrl(c) : directUrl(c),
        body: c.body,
        headers: { ...(viaGateway ? GATEWAY_HEADERS : {}), ...c.headers },
        connections,
        durationS,
        keepSamples: keep,
      });
    const warmupS = Math.max(1, Math.round(options.warmupS / 2));
    for (const c of cases) {
      await load(c, false, options.connections, warmupS);
      await load(c, true, options.connections, warmupS);
    }
    const direct = cases.map(emptySide);
    const viaGateway = cases.map(emptySide);
    const addedP50ByRound: number[][] = cases.map(() => []);
    for (let round = 0; round < plan.rounds; round += 1) {
      for (let step = 0; step < cases.length; step += 1) {
        const index = (step + round) % cases.length;
        const c = cases[index];
        const sides = round % 2 === 0 ? [false, true] : [true, false];
        const slice: Record<string, LoadResult> = {};
        for (const side of sides) {
          slice[String(side)] = await load(c, side, options.latencyConnections, plan.sliceS, true);
        }
        add(direct[index], slice.false);
        add(viaGateway[index], slice.true);
        addedP50ByRound[index].push(slice.true.latency.p50 - slice.false.latency.p50);
      }
      log(`  round ${round + 1} of ${plan.rounds}: ${cases.length} endpoints x 2 sides x ${plan.sliceS} s`);
    }
    const results: EndpointCaseResult[] = [];
    for (const [index, c] of cases.entries()) {
      const cpuBefore = cpuTimeMs(gateway.pid);
      const saturation = await load(c, true, options.connections, plan.saturationS);
      const cpuPerRequestUs =
        ((cpuTimeMs(gateway.pid) - cpuBefore) * 1000) / Math.max(1, saturation.ok + saturation.non2xx);
      const d = direct[index];
      const g = viaGateway[index];
      const result: EndpointCaseResult = {
        api: c.api,
        stream: c.stream,
        label: caseLabel(c),
        direct: summarize(d.samples),
        gateway: summarize(g.samples),
        directRps: d.ok / Math.max(1e-9, d.seconds),
        gatewayRps: g.ok / Math.max(1e-9, g.seconds),
        addedP50ByRound: addedP50ByRound[index],
        saturation,
        cpuPerRequestUs,
        failures: d.non2xx + d.errors + g.non2xx + g.errors + saturation.non2xx + saturation.errors,
      };
      results.push(result);
      log(
        `  ${result.label}: added p50 ${(result.gateway.p50 - result.direct.p50).toFixed(3)} ms, ` +
          `p99 ${(result.gateway.p99 - result.direct.p99).toFixed(3)} ms; ${saturation.rps.toFixed(0)} req/s at ` +
          `${options.connections} connections, ${cpuPerRequestUs.toFixed(0)} µs CPU per request` +
          (result.failures > 0 ? ` (${result.failures} failures)` : ''),
      );
    }
    return {
      rounds: plan.rounds,
      sliceS: plan.sliceS,
      latencyConnections: options.latencyConnections,
      saturationConnections: options.connections,
      saturationS: plan.saturationS,
      cases: results,
    };
  });
}
