import { isPlainObject } from '../config/config.env';
import { secretParamKeys } from './vendors/vendor-spec';
import { VENDOR_SPECS } from './vendors/vendor-specs';

/**
 * Parameters a vendor spec declares secret although their names do not say so (a generic API's static `headers`):
 * secret at the top level of a guardrail's params, for every vendor.
 */
const SPEC_SECRET_KEYS = secretParamKeys(Object.values(VENDOR_SPECS));

/**
 * The one definition of a secret field, used by the admin API and the database (masked in responses, sealed at rest)
 * and by the log censor (every finished log line): a name holding one of these words (`api_key`, `x-aporia-api-key`,
 * `aws_session_token`, `Authorization`, `set-cookie`, `apiKey`)...
 */
const SECRET_WORDS = new Set([
  'key',
  'apikey',
  'token',
  'password',
  'passwd',
  'pwd',
  'secret',
  'credential',
  'credentials',
  'authorization',
  'cookie',
]);
/** ...or these letters anywhere (`client_secret`, `dbpassword`, `proxyauthorization`). */
const SECRET_FRAGMENTS = ['secret', 'password', 'authorization'];

/**
 * Names that may be secret, for a quick first pass over serialized text (the log censor): every name `isSecretKey`
 * accepts contains one of these. `isSecretKey` decides.
 */
export const SECRET_NAME_HINT = [...new Set([...SECRET_WORDS, ...SECRET_FRAGMENTS])].join('|');

const FULL_MASK = '****';
/** Below this length, showing 7 characters would give most of the value away. */
const MIN_PARTIAL_LENGTH = 12;
/** Shorter secret values are not searched for in text: they would match ordinary words. */
const MIN_SEARCHED_LENGTH = 6;

/** `sk-live-abcdef1234` -> `sk-...1234`; short values are masked in full. */
export function maskSecret(value: string): string {
  return value.length < MIN_PARTIAL_LENGTH ? FULL_MASK : `${value.slice(0, 3)}...${value.slice(-4)}`;
}

/** A secret's first characters, searched for on their own: a vendor error cut short may quote only its start. */
const PREFIX_PROBE_LENGTH = 12;

/**
 * `text` with every secret value of `params` masked where it appears, whole or cut short (vendors' error messages
 * often quote the key they refused, `Invalid API key provided: sk-...`, and Warden shortens long messages): such
 * messages reach the logs, the violation log and the admin test panel.
 */
export function withoutSecretValues(text: string, params: Readonly<Record<string, unknown>>): string {
  let scrubbed = text;
  mapSecretValues(params, (value) => {
    if (typeof value === 'string' && value.length >= MIN_SEARCHED_LENGTH) {
      scrubbed = withoutSecret(scrubbed, value);
    }
    return value;
  });
  return scrubbed;
}

function withoutSecret(text: string, secret: string): string {
  const mask = maskSecret(secret);
  let scrubbed = text.includes(secret) ? text.replaceAll(secret, mask) : text;
  if (secret.length < PREFIX_PROBE_LENGTH) {
    return scrubbed;
  }
  const probe = secret.slice(0, PREFIX_PROBE_LENGTH);
  for (let start = scrubbed.indexOf(probe); start >= 0; start = scrubbed.indexOf(probe, start + mask.length)) {
    let end = start + PREFIX_PROBE_LENGTH;
    while (end < scrubbed.length && end - start < secret.length && scrubbed[end] === secret[end - start]) {
      end += 1;
    }
    scrubbed = `${scrubbed.slice(0, start)}${mask}${scrubbed.slice(end)}`;
  }
  return scrubbed;
}

/** Whether a top-level guardrail parameter holds a secret: by its name, or because its vendor's spec says so. */
export function isSecretParam(name: string): boolean {
  return SPEC_SECRET_KEYS.has(name) || isSecretKey(name);
}

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
    const declared = path === '' && SPEC_SECRET_KEYS.has(key);
    out[key] = mapValue(value, secret || declared || isSecretKey(key), path === '' ? key : `${path}.${key}`, transform);
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
