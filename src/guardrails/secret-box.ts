import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_DERIVATION_SALT = 'warden guardrail secrets v1';

/** Whether a stored value was sealed by a SecretBox (anything else was stored before a salt key was set). */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/**
 * Guardrail secrets at rest: AES-256-GCM under a key derived with scrypt from `general_settings.salt_key`. A sealed
 * value reads `enc:v1:<base64url(iv | tag | ciphertext)>`, with a fresh IV each time; GCM's tag makes a wrong key or a
 * changed value fail instead of decrypting to garbage. During a rotation the box also opens values sealed under the
 * previous salt key, and always seals under the current one.
 */
export class SecretBox {
  private readonly current: Buffer;
  private readonly previous?: Buffer;

  constructor(saltKey: string, previousSaltKey?: string) {
    this.current = deriveKey(saltKey);
    this.previous = previousSaltKey === undefined ? undefined : deriveKey(previousSaltKey);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** The plaintext of a sealed value; throws when neither the current nor the previous key sealed it. */
  open(sealed: string): string {
    const plaintext = openWith(this.current, sealed) ?? (this.previous && openWith(this.previous, sealed));
    if (plaintext === undefined) {
      throw new Error('sealed with another key');
    }
    return plaintext;
  }

  /** True for a value only the previous key opens: it should be sealed again under the current one. */
  sealedWithPreviousKey(sealed: string): boolean {
    return this.previous !== undefined && openWith(this.current, sealed) === undefined;
  }
}

function deriveKey(saltKey: string): Buffer {
  return scryptSync(saltKey, KEY_DERIVATION_SALT, 32);
}

function openWith(key: Buffer, sealed: string): string | undefined {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (!isSealed(sealed) || raw.length < IV_BYTES + TAG_BYTES) {
    throw new Error('not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
