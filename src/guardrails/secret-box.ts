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
 * changed value fail instead of decrypting to garbage.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(saltKey: string) {
    this.key = scryptSync(saltKey, KEY_DERIVATION_SALT, 32);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** The plaintext of a sealed value; throws when this box's key is not the one it was sealed with. */
  open(sealed: string): string {
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    if (!isSealed(sealed) || raw.length < IV_BYTES + TAG_BYTES) {
      throw new Error('not a sealed value');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
