import { isPlainObject } from '../config/config.env';
import { isSecretKey, isSecretParam, mapSecretValues, maskSecret } from '../guardrails/secret-fields';

const MASKED_SHAPE = /^(\*{4}|.{3}\.\.\..{4})$/s;

/** Whether a value looks like something `maskSecret` produced (a response pasted back). */
export function looksMasked(value: unknown): boolean {
  return typeof value === 'string' && MASKED_SHAPE.test(value);
}

/** A copy of params with every secret value masked, at any depth (e.g. `extra_headers.Authorization`). */
export function maskSecrets(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return mapSecretValues(params, maskValue);
}

function maskValue(value: unknown): string {
  return maskSecret(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * Undoes masking that came back unchanged: wherever `incoming` holds exactly the masked form of the secret stored at
 * the same path, the stored secret is kept. A new value replaces it.
 */
export function restoreUnchangedSecrets(
  incoming: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return restoreRecord(incoming, stored, false, true);
}

function restoreRecord(
  incoming: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>>,
  secret: boolean,
  top = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(incoming)) {
    const named = top ? isSecretParam(key) : isSecretKey(key);
    out[key] = restoreValue(value, Object.hasOwn(stored, key) ? stored[key] : undefined, secret || named);
  }
  return out;
}

function restoreValue(value: unknown, stored: unknown, secret: boolean): unknown {
  if (isPlainObject(value)) {
    return restoreRecord(value, isPlainObject(stored) ? stored : {}, secret);
  }
  if (Array.isArray(value)) {
    const storedItems: unknown[] = Array.isArray(stored) ? stored : [];
    return value.map((item, index) => restoreValue(item, storedItems[index], secret));
  }
  if (secret && stored !== undefined && stored !== null && looksMasked(value) && isEqualMask(value, stored)) {
    return stored;
  }
  return value;
}

function isEqualMask(value: unknown, stored: unknown): boolean {
  return !isPlainObject(stored) && !Array.isArray(stored) && maskValue(stored) === value;
}

/** Paths of secret values that look masked: a pasted response whose secret was never stored here. */
export function maskedLookingSecretPaths(record: Readonly<Record<string, unknown>>, base: string): string[] {
  const paths: string[] = [];
  mapSecretValues(record, (value, path) => {
    if (looksMasked(value)) {
      paths.push(`${base}.${path}`);
    }
    return value;
  });
  return paths;
}
