import type { GuardrailEntry } from '../support/gateway';

/** The guardrails each gateway runs, written as a user would in config.yaml (default_on: every request). */
export const PII_PRE_CALL: GuardrailEntry[] = [
  {
    guardrail_name: 'pii',
    litellm_params: { guardrail: 'pii', mode: 'pre_call', default_on: true, on_flagged: 'monitor' },
  },
];

export interface LakeraGuardOptions {
  /** The mock Lakera answers after this long (sent in the guardrail's `metadata`); 0: at once. */
  latencyMs?: number;
  /** `cache_ttl_seconds`: the verdict cache (issue #13); absent: off, as by default. */
  cacheTtlSeconds?: number;
  /** The guardrail's name; `lakera-<mode>` by default. */
  name?: string;
}

export function lakeraGuard(
  apiBase: string,
  mode: 'pre_call' | 'during_call',
  latencyMsOrOptions: number | LakeraGuardOptions = 0,
): GuardrailEntry[] {
  const options = typeof latencyMsOrOptions === 'number' ? { latencyMs: latencyMsOrOptions } : latencyMsOrOptions;
  const latencyMs = options.latencyMs ?? 0;
  return [
    {
      guardrail_name: options.name ?? `lakera-${mode}`,
      litellm_params: {
        guardrail: 'lakera_v2',
        mode,
        default_on: true,
        api_key: 'lk-bench-key-0001',
        api_base: apiBase,
        timeout_ms: 5000,
        // Sent to the vendor with every screening; the mock reads its latency from it.
        ...(latencyMs > 0 ? { metadata: { bench_latency_ms: latencyMs } } : {}),
        ...(options.cacheTtlSeconds !== undefined ? { cache_ttl_seconds: options.cacheTtlSeconds } : {}),
      },
    },
  ];
}

export const FLAG_EVERYTHING_KEYWORD = 'project falcon';

/** A monitor-mode guard that flags every request of the violation-log scenario (its prompt names the keyword). */
export const MONITOR_EVERY_REQUEST: GuardrailEntry[] = [
  {
    guardrail_name: 'flag-everything',
    litellm_params: {
      guardrail: 'banned_keywords',
      mode: 'pre_call',
      default_on: true,
      on_flagged: 'monitor',
      keywords: [FLAG_EVERYTHING_KEYWORD],
    },
  },
];
