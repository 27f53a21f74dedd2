import type { Guardrail } from '../../api/types';

/** Display values of a guardrail's engine settings, read from its config-entry shape. */
export function modesOf(guardrail: Guardrail): string[] {
  const mode = guardrail.litellm_params.mode;
  if (Array.isArray(mode)) {
    return mode.filter((item): item is string => typeof item === 'string');
  }
  return typeof mode === 'string' ? [mode] : [];
}

export function stringParam(guardrail: Guardrail, key: string, fallback: string): string {
  const value = guardrail.litellm_params[key];
  return typeof value === 'string' ? value : fallback;
}

export function providerOf(guardrail: Guardrail): string {
  return stringParam(guardrail, 'guardrail', '?');
}

export function isDefaultOn(guardrail: Guardrail): boolean {
  return guardrail.litellm_params.default_on === true;
}
