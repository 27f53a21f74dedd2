/** Small readers for built-in guardrail params: each returns a problem message, or undefined when the value is fine. */

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function checkStringArray(value: unknown, example: string): string | undefined {
  return value === undefined || isStringArray(value) ? undefined : `must be a list of strings, e.g. ${example}`;
}

export function checkEnum(value: unknown, allowed: readonly string[]): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return typeof value === 'string' && allowed.includes(value.toLowerCase())
    ? undefined
    : `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`;
}

export function readAction<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const lowered = typeof value === 'string' ? value.toLowerCase() : undefined;
  return allowed.find((action) => action === lowered) ?? fallback;
}
