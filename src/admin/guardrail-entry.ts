import type { GuardrailEntity } from '../guardrails/guardrail.entity';

/** A guardrail in config.yaml's `guardrails:` entry shape: what the admin API reads and writes. */
export interface GuardrailEntry {
  guardrail_name: string;
  litellm_params: Record<string, unknown>;
}

/**
 * The stored guardrail as a config entry (secrets in clear: callers mask before answering). One mode is written as a
 * string, several as a list, exactly as config.yaml accepts them.
 */
export function toGuardrailEntry(row: GuardrailEntity): GuardrailEntry {
  return {
    guardrail_name: row.name,
    litellm_params: {
      guardrail: row.provider,
      mode: row.modes.length === 1 ? row.modes[0] : [...row.modes],
      on_flagged: row.onFlagged,
      on_error: row.onError,
      default_on: row.defaultOn,
      timeout_ms: row.timeoutMs,
      ...row.params,
    },
  };
}

/** LiteLLM spellings that stand in for an engine key; sending one replaces the stored engine key. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  timeout_ms: ['timeout'],
  on_error: ['fail_on_error', 'unreachable_fallback'],
};

/**
 * PATCH semantics for `litellm_params`: keys in the patch replace stored ones, `null` removes a key, others stay.
 * A LiteLLM alias in the patch (`timeout`, `fail_on_error`) drops the stored key it stands for, so it takes effect.
 */
export function mergeLitellmParams(
  stored: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, aliases] of Object.entries(ALIASES)) {
    if (!(key in patch) && aliases.some((alias) => patch[alias] !== undefined && patch[alias] !== null)) {
      delete merged[key];
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete merged[key];
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
