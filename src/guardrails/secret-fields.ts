import { isPlainObject } from '../config/config.env';

/** Words that make a parameter name a secret: `api_key`, `aws_secret_access_key`, `aws_session_token`, `password`... */
const SECRET_WORDS = new Set(['key', 'apikey', 'token', 'password', 'passwd', 'pwd', 'credential', 'credentials']);
const SECRET_FRAGMENTS = ['secret', 'password', 'authorization'];

/**
 * Whether a parameter name holds a secret. Names are split into words (`aws_secret_access_key`, `apiKey`), so
 * `keywords` or `max_tokens` are not secrets while `api_key`, `*_key`, `*token`, `*secret*` and `password` are.
 */
export function isSecretKey(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_FRAGMENTS.some((fragment) => lower.includes(fragment))) {
    return true;
  }
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  return words.some((word) => SECRET_WORDS.has(word));
}

/**
 * A copy of params with `transform` applied to every value held under a secret name, at any depth (a secret
 * parameter's nested values count as secret too: `extra_headers: {Authorization: ...}`). Objects and arrays are walked,
 * never passed; null and undefined are kept as they are.
 */
export function mapSecretValues(
  params: Readonly<Record<string, unknown>>,
  transform: (value: unknown, path: string) => unknown,
): Record<string, unknown> {
  return mapRecord(params, false, '', transform);
}

function mapRecord(
  record: Readonly<Record<string, unknown>>,
  secret: boolean,
  path: string,
  transform: (value: unknown, path: string) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = mapValue(value, secret || isSecretKey(key), path === '' ? key : `${path}.${key}`, transform);
  }
  return out;
}

function mapValue(
  value: unknown,
  secret: boolean,
  path: string,
  transform: (value: unknown, path: string) => unknown,
): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => mapValue(item, secret, `${path}[${index}]`, transform));
  }
  if (isPlainObject(value)) {
    return mapRecord(value, secret, path, transform);
  }
  return secret && value !== null && value !== undefined ? transform(value, path) : value;
}
