import type { GuardrailDefinition } from '../guardrail.types';

type Params = Readonly<Record<string, unknown>>;

/**
 * True when a guardrail that would mask blocks during_call: there a mask could no longer reach the upstream and the
 * flag would only be recorded, so such a config is refused instead of silently enforcing nothing.
 */
export function masksDuringCall(definition: Pick<GuardrailDefinition, 'modes' | 'onFlagged'>): boolean {
  return definition.modes.includes('during_call') && definition.onFlagged === 'block';
}

export function stringParam(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function booleanParam(params: Params, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function recordParam(params: Params, key: string): Record<string, unknown> | undefined {
  const value = params[key];
  return isRecord(value) ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
