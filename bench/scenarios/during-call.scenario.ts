import { runLoad } from '../load/http-load';
import type { DuringCallResult } from '../report/results';
import { chatBody } from '../support/payloads';
import { GATEWAY_HEADERS, withGateway, type BenchContext } from './bench-context';
import { lakeraGuard } from './guardrail-configs';

export const DURING_GUARD_MS = 150;
export const DURING_UPSTREAM_MS = 200;
const CONNECTIONS = 20;

/** Scenario 4: lakera_v2 during_call taking 150 ms beside an upstream taking 200 ms; the total should be ~200 ms. */
export function runDuringCall(context: BenchContext): Promise<DuringCallResult> {
  const guardrails = lakeraGuard(context.lakera.url, 'during_call', DURING_GUARD_MS);
  return withGateway(context, 'during-call', guardrails, async (gateway) => {
    const spec = {
      url: gateway.chatUrl,
      headers: GATEWAY_HEADERS,
      body: chatBody({ bench: { latency_ms: DURING_UPSTREAM_MS } }),
      connections: CONNECTIONS,
    };
    await runLoad({ ...spec, durationS: context.options.warmupS });
    const load = await runLoad({ ...spec, durationS: context.options.durationS });
    context.log(
      `  during_call: p50 ${load.latency.p50.toFixed(1)} ms, p99 ${load.latency.p99.toFixed(1)} ms ` +
        `(guard ${DURING_GUARD_MS} ms || upstream ${DURING_UPSTREAM_MS} ms), ${load.rps.toFixed(0)} req/s`,
    );
    return { guardMs: DURING_GUARD_MS, upstreamMs: DURING_UPSTREAM_MS, load };
  });
}
