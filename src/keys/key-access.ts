import { WardenError, WardenErrorCode } from '../common/warden.error';
import type { LiveKey } from './live-key';

/**
 * Whether a virtual key may be used now: 401 for a disabled or expired key, in words that say what to do and never
 * show the key or its hash.
 */
export function assertKeyUsable(key: LiveKey, now: number): void {
  if (!key.enabled) {
    throw new WardenError(
      WardenErrorCode.Unauthorized,
      'Authentication error: this API key is disabled. Ask the gateway admin to enable it or to issue another key.',
    );
  }
  if (key.expiresAt !== null && key.expiresAt <= now) {
    throw new WardenError(
      WardenErrorCode.Unauthorized,
      `Authentication error: this API key expired at ${new Date(key.expiresAt).toISOString()}. Ask the gateway admin for a new key or a later expiry.`,
    );
  }
}

/** 403 naming the model when the key may call only other models (none of which is a secret). */
export function assertModelAllowed(key: LiveKey | undefined, model: string): void {
  if (!key?.models || key.models.has(model)) {
    return;
  }
  throw new WardenError(
    WardenErrorCode.Forbidden,
    `This API key (${key.alias}) may not call model '${model}'. Models it may call: ${[...key.models].join(', ')}.`,
    { param: 'model' },
  );
}
