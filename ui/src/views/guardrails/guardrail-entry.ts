import type { Guardrail, GuardrailEntry } from '../../api/types';
import type { GuardrailKind } from '../../api/vocabulary';
import { ALL_PROVIDER_KEYS, PROVIDER_FIELDS } from './provider-fields';

/** What the form holds, read from its fields; undefined means the field was left empty. */
export interface GuardrailFormValues {
  name: string | undefined;
  provider: GuardrailKind;
  /** mode, on_flagged, on_error, timeout_ms, default_on */
  engine: Record<string, unknown>;
  /** The selected provider's own params. */
  params: Record<string, unknown>;
}

/** POST body: a config.yaml entry with the empty fields left out (the API fills in its defaults). */
export function createEntry(values: GuardrailFormValues): GuardrailEntry {
  return {
    ...(values.name === undefined ? {} : { guardrail_name: values.name }),
    litellm_params: withoutUndefined({ guardrail: values.provider, ...values.engine, ...values.params }),
  };
}

/**
 * PATCH body: litellm_params are merged by the API, so a key the form emptied is sent as null (removed), and the
 * params of a provider that was switched away from are removed too. Keys the form does not show are left alone, and
 * a masked secret sent back unchanged keeps the stored one.
 */
export function patchEntry(original: Guardrail, values: GuardrailFormValues): GuardrailEntry {
  const before = original.litellm_params;
  const params: Record<string, unknown> = { guardrail: values.provider };
  const setOrRemove = (key: string, value: unknown): void => {
    if (value !== undefined) {
      params[key] = value;
    } else if (Object.hasOwn(before, key)) {
      params[key] = null;
    }
  };
  for (const [key, value] of Object.entries(values.engine)) {
    setOrRemove(key, value);
  }
  const current = new Set<string>(PROVIDER_FIELDS[values.provider].map((field) => field.key));
  for (const key of ALL_PROVIDER_KEYS) {
    setOrRemove(key, current.has(key) ? values.params[key] : undefined);
  }
  const renamed = values.name !== undefined && values.name !== original.guardrail_name;
  return { ...(renamed ? { guardrail_name: values.name } : {}), litellm_params: params };
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
