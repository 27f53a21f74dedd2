import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runLoad } from '../load/http-load';
import { ANTHROPIC_HEADERS, chatBody, messagesBody, responsesBody } from '../support/payloads';
import type { GuardrailEntry } from '../support/gateway';
import { GATEWAY_HEADERS, withGateway, type BenchContext } from '../scenarios/bench-context';
import { lakeraGuard, PII_PRE_CALL } from '../scenarios/guardrail-configs';
import { CACHE_GUARDRAIL, CACHE_TTL_SECONDS } from '../scenarios/vendor-calls.scenario';
import { runViolationLog } from '../scenarios/violation-log.scenario';
import { summarizeCpuProfile, type ProfileSummary } from './cpuprofile-summary';

export const PROFILES_DIR = resolve(__dirname, '..', 'profiles');

export interface ProfileRun {
  label: string;
  /** Requests answered while profiling, to turn CPU time into CPU time per request. */
  requests: number;
  file: string;
  summary: ProfileSummary;
}

/** Start-up is left out of the summaries: everything before the gateway said it was listening. */
function collect(label: string, dir: string, requests: number, startupMs: number): ProfileRun {
  const found = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (found.length !== 1) {
    throw new Error(`expected one .cpuprofile in ${dir}, found ${found.length}`);
  }
  mkdirSync(PROFILES_DIR, { recursive: true });
  const file = join(PROFILES_DIR, `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
  copyFileSync(join(dir, found[0]), file);
  return { label, requests, file, summary: summarizeCpuProfile(file, startupMs) };
}

/** What the profiled load sends: chat completions by default. */
interface ProfiledCall {
  path: string;
  body: string;
  headers?: Record<string, string>;
}

const CHAT_CALL: ProfiledCall = { path: '/v1/chat/completions', body: chatBody() };

async function profileSaturation(
  context: BenchContext,
  label: string,
  guardrails: GuardrailEntry[],
  call: ProfiledCall = CHAT_CALL,
): Promise<ProfileRun> {
  const dir = join(context.tempDir, `profile-${label}`);
  const { requests, startupMs } = await withGateway(
    context,
    `profile-${label}`,
    guardrails,
    async (gateway) => {
      const spec = {
        url: `${gateway.url}${call.path}`,
        headers: { ...GATEWAY_HEADERS, ...call.headers },
        body: call.body,
        connections: context.options.connections,
      };
      const warmup = await runLoad({ ...spec, durationS: context.options.warmupS });
      const load = await runLoad({ ...spec, durationS: context.options.durationS });
      context.log(`  ${label}: ${load.rps.toFixed(0)} req/s under --cpu-prof`);
      return { requests: warmup.sent + load.sent, startupMs: gateway.readyMs };
    },
    dir,
  );
  return collect(label, dir, requests, startupMs);
}

/**
 * `node --cpu-prof` on the gateway: no-guardrail, pii and lakera_v2 loads (flat out) with `--only overhead`, then the
 * violation-log load with `--only violations` (both by default); lakera_v2 during_call (mock at once) with
 * `--only vendor-during`, lakera_v2 pre_call on cache hits with `--only vendor-cache`; with `--only endpoints`, no-guardrail loads of chat,
 * `/v1/responses` and `/v1/messages` (JSON), to compare the three pass-through paths.
 */
export async function runProfiles(context: BenchContext): Promise<ProfileRun[]> {
  const runs: ProfileRun[] = [];
  if (context.options.only.has('overhead')) {
    runs.push(await profileSaturation(context, 'no-guardrail', []));
    runs.push(await profileSaturation(context, 'pii', PII_PRE_CALL));
    runs.push(await profileSaturation(context, 'lakera-pre-call', lakeraGuard(context.lakera.url, 'pre_call')));
  }
  if (context.options.only.has('vendor-during')) {
    runs.push(await profileSaturation(context, 'lakera-during-call', lakeraGuard(context.lakera.url, 'during_call')));
  }
  if (context.options.only.has('vendor-cache')) {
    const cached = lakeraGuard(context.lakera.url, 'pre_call', {
      cacheTtlSeconds: CACHE_TTL_SECONDS,
      name: CACHE_GUARDRAIL,
    });
    runs.push(await profileSaturation(context, 'lakera-cache-hit', cached));
  }
  if (context.options.only.has('endpoints')) {
    runs.push(await profileSaturation(context, 'endpoint-chat', [], CHAT_CALL));
    runs.push(
      await profileSaturation(context, 'endpoint-responses', [], { path: '/v1/responses', body: responsesBody() }),
    );
    runs.push(
      await profileSaturation(context, 'endpoint-messages', [], {
        path: '/v1/messages',
        body: messagesBody(),
        headers: ANTHROPIC_HEADERS,
      }),
    );
  }
  if (context.options.only.has('violations')) {
    const dir = join(context.tempDir, 'profile-violation-log');
    const violations = await runViolationLog(context, dir);
    runs.push(collect('violation-log', dir, violations.warmupSent + violations.load.sent, violations.gatewayStartupMs));
  }
  return runs;
}
