import { runLoad, type LoadResult } from '../load/http-load';
import type { LoadPair, VendorCacheResult, VendorDelayRun, VendorDuringResult } from '../report/results';
import { LAKERA_CACHE_LABEL, LAKERA_DURING_LABEL } from '../report/targets';
import { chatBody } from '../support/payloads';
import { cacheLookups, lakeraCalls, postOnce } from '../support/vendor-probes';
import { directChatUrl, GATEWAY_HEADERS, withGateway, type BenchContext } from './bench-context';
import { lakeraGuard } from './guardrail-configs';
import { measurePair } from './overhead.scenario';

/** Issue #13: each side answering after a fixed delay, both ways round; the total should be the slower side's. */
export const DELAY_PAIRS: ReadonlyArray<{ guardMs: number; upstreamMs: number }> = [
  { guardMs: 20, upstreamMs: 40 },
  { guardMs: 40, upstreamMs: 20 },
];
export const CACHE_GUARDRAIL = 'lakera-cache';
export const CACHE_TTL_SECONDS = 300;

/** Roughly what the guardrail sends for the benchmark prompt (lakera-v2.guardrail.ts: messages, payload, breakdown). */
function screeningBody(): string {
  const chat = JSON.parse(chatBody()) as { messages: unknown[] };
  return JSON.stringify({ messages: chat.messages, payload: true, breakdown: true, dev_info: true });
}

/** The mock Lakera on its own, back to back: what one screening round trip costs before the gateway adds anything. */
export function runLakeraDirect(context: BenchContext): Promise<LoadResult> {
  return backToBack(context, `${context.lakera.url}/v2/guard`, screeningBody());
}

const requestsOf = (pair: LoadPair): number => (pair.warmupSent ?? 0) + pair.latency.sent + pair.saturation.sent;

/** A delayed configuration: warm-up, then half a measured run's length back to back (40 ms answers: ~125 samples). */
async function backToBack(
  context: BenchContext,
  url: string,
  body: string,
  headers?: Record<string, string>,
): Promise<LoadResult> {
  const spec = { url, body, connections: context.options.latencyConnections, ...(headers ? { headers } : {}) };
  await runLoad({ ...spec, durationS: context.options.warmupS });
  return runLoad({ ...spec, durationS: Math.max(1, Math.round(context.options.durationS / 2)) });
}

/**
 * Scenario 10a: one lakera_v2 guardrail in during_call. With the mock Lakera and the mock upstream answering at
 * once, the same pair of runs as the overhead scenario (req/s and CPU flat out, latency back to back); then with
 * each side answering after a fixed delay, both ways round, the time a request takes against the slower side.
 */
export async function runVendorDuring(context: BenchContext): Promise<VendorDuringResult> {
  const lakeraUrl = context.lakera.url;
  const before = await lakeraCalls(lakeraUrl);
  const atOnce = await withGateway(context, 'lakera-during-call', lakeraGuard(lakeraUrl, 'during_call'), (gateway) =>
    measurePair(context, {
      label: LAKERA_DURING_LABEL,
      url: gateway.chatUrl,
      headers: GATEWAY_HEADERS,
      pid: gateway.pid,
    }),
  );
  const vendorCalls = (await lakeraCalls(lakeraUrl)) - before;
  const requests = requestsOf(atOnce);
  context.log(`  during_call at once: ${vendorCalls} Lakera screenings for ${requests} requests sent`);

  const directDelayed: VendorDuringResult['directDelayed'] = [];
  const plainDelayed: VendorDuringResult['plainDelayed'] = [];
  for (const upstreamMs of new Set(DELAY_PAIRS.map((pair) => Math.max(pair.guardMs, pair.upstreamMs)))) {
    const body = chatBody({ bench: { latency_ms: upstreamMs } });
    const direct = await backToBack(context, directChatUrl(context), body);
    const plain = await withGateway(context, `no-guardrail-upstream-${upstreamMs}`, [], (gateway) =>
      backToBack(context, gateway.chatUrl, body, GATEWAY_HEADERS),
    );
    context.log(
      `  upstream ${upstreamMs} ms: direct mean ${direct.latency.mean.toFixed(2)} ms, through a gateway with no ` +
        `guardrail ${plain.latency.mean.toFixed(2)} ms`,
    );
    directDelayed.push({ upstreamMs, load: direct });
    plainDelayed.push({ upstreamMs, load: plain });
  }
  const delays: VendorDelayRun[] = [];
  for (const { guardMs, upstreamMs } of DELAY_PAIRS) {
    const guardrails = lakeraGuard(lakeraUrl, 'during_call', guardMs);
    const load = await withGateway(context, `lakera-during-${guardMs}-${upstreamMs}`, guardrails, (gateway) =>
      backToBack(context, gateway.chatUrl, chatBody({ bench: { latency_ms: upstreamMs } }), GATEWAY_HEADERS),
    );
    context.log(
      `  during_call, Lakera ${guardMs} ms || upstream ${upstreamMs} ms: mean ${load.latency.mean.toFixed(2)} ms, ` +
        `p50 ${load.latency.p50.toFixed(2)} ms, p99 ${load.latency.p99.toFixed(2)} ms (${load.ok} requests)`,
    );
    delays.push({ guardMs, upstreamMs, load });
  }
  return { atOnce, vendorCalls, requests, delays, directDelayed, plainDelayed };
}

/**
 * Scenario 10b: lakera_v2 in pre_call with `cache_ttl_seconds`, the same prompt on every request. One request primes
 * the cache; from then on every check should be a hit: the mock Lakera's screening count must not move during the
 * warm-up and the measured runs, and /metrics counts the hits and misses.
 */
export async function runVendorCache(context: BenchContext): Promise<VendorCacheResult> {
  const lakeraUrl = context.lakera.url;
  const guardrails = lakeraGuard(lakeraUrl, 'pre_call', { cacheTtlSeconds: CACHE_TTL_SECONDS, name: CACHE_GUARDRAIL });
  return withGateway(context, CACHE_GUARDRAIL, guardrails, async (gateway) => {
    const start = await lakeraCalls(lakeraUrl);
    await postOnce(gateway.chatUrl, GATEWAY_HEADERS, chatBody());
    const primed = await lakeraCalls(lakeraUrl);
    const pair = await measurePair(context, {
      label: LAKERA_CACHE_LABEL,
      url: gateway.chatUrl,
      headers: GATEWAY_HEADERS,
      pid: gateway.pid,
    });
    const end = await lakeraCalls(lakeraUrl);
    const lookups = await cacheLookups(gateway.url, CACHE_GUARDRAIL);
    const result: VendorCacheResult = {
      guardrail: CACHE_GUARDRAIL,
      ttlSeconds: CACHE_TTL_SECONDS,
      pair,
      primingCalls: primed - start,
      loadCalls: end - primed,
      loadRequests: requestsOf(pair),
      ...(lookups ? { lookups } : {}),
    };
    context.log(
      `  cache: ${result.primingCalls} Lakera screening(s) for the priming request, ${result.loadCalls} for the ` +
        `${result.loadRequests} requests after it; /metrics ` +
        (lookups ? `hit ${lookups.hit}, miss ${lookups.miss}` : 'has no warden_guardrail_cache_lookups_total'),
    );
    return result;
  });
}
