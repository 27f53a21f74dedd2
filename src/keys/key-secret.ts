import { hash, randomBytes } from 'node:crypto';

/** At least this many characters in a secret the caller chooses (`key` on /key/generate, `new_key` on regenerate). */
export const MIN_CHOSEN_SECRET_LENGTH = 20;

/** A new secret: `sk-` and 32 random bytes, base64url (256 bits). */
export function newSecret(): string {
  return `sk-${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256: how a secret is stored and looked up (LiteLLM's `hash_token`). */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** `sk-...abcd`: tells keys apart in lists without revealing them. */
export function secretPreview(secret: string): string {
  return `sk-...${secret.slice(-4)}`;
}

const HASH = /^[0-9a-f]{64}$/;

/** LiteLLM accepts a key or its hash wherever a key is named: a 64-hex value is taken as the hash. */
export function hashOfKeyOrHash(value: string): string {
  return HASH.test(value) ? value : hashSecret(value);
}
