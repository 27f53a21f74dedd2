/** `litellm_params.cache_ttl_seconds`: how long a vendor verdict is reused for an identical check; 0 or absent: off. */
export const CACHE_TTL_KEY = 'cache_ttl_seconds';

/** A day: a verdict older than that should be asked for again (vendors update their models). */
export const MAX_CACHE_TTL_SECONDS = 86_400;

export function cacheTtlMs(params: Readonly<Record<string, unknown>>): number {
  const value = params[CACHE_TTL_KEY];
  return typeof value === 'number' && value > 0 ? value * 1000 : 0;
}

/** The problem with a `cache_ttl_seconds` value, or undefined when it is fine (or absent). */
export function cacheTtlProblem(value: unknown, cacheable: boolean): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_CACHE_TTL_SECONDS) {
    return `must be a whole number of seconds from 0 (off) to ${MAX_CACHE_TTL_SECONDS}`;
  }
  if (!cacheable && value > 0) {
    return 'applies to vendor guardrails only (lakera_v2, lakera, aporia, bedrock): built-in checks are cheaper than a cache lookup';
  }
  return undefined;
}
