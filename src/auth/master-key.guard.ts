import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { WardenError, WardenErrorCode } from '../common/warden.error';
import { KeyRegistry } from '../keys/key.registry';
import type { LiveKey } from '../keys/live-key';
import { digest, presentedKey } from './presented-key';

/**
 * When `general_settings.master_key` is set, requests need `Authorization: Bearer <key>` (or `x-api-key` / `api-key`).
 * Both sides are hashed first so the comparison is constant-time whatever the lengths. The admin API, the LiteLLM
 * key routes and the UI's calls take the master key only: a virtual key there is a 401 that says so.
 */
@Injectable()
export class MasterKeyGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(
    @Inject(WARDEN_CONFIG) config: WardenConfig,
    private readonly keys: KeyRegistry,
  ) {
    this.expected = config.general.masterKey === undefined ? undefined : digest(config.general.masterKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.expected) {
      request.callerKeyAlias = 'anonymous';
      return true;
    }
    const presented = presentedKey(request.headers);
    if (presented === undefined) {
      throw noKey();
    }
    const hashed = digest(presented);
    if (!timingSafeEqual(hashed, this.expected)) {
      throw this.keys.find(hashed.toString('hex'))
        ? new WardenError(
            WardenErrorCode.Unauthorized,
            'Authentication error: this is a virtual key, which calls the /v1 APIs only; this route needs the master key.',
          )
        : invalidKey();
    }
    request.callerKeyAlias = 'master_key';
    return true;
  }
}

export function noKey(): WardenError {
  return new WardenError(
    WardenErrorCode.Unauthorized,
    'Authentication error: no API key passed. Send Authorization: Bearer <key>.',
  );
}

export function invalidKey(): WardenError {
  return new WardenError(WardenErrorCode.Unauthorized, 'Authentication error: invalid API key.');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Which key the caller used, safe to log and store (never the key itself). */
    callerKeyAlias?: string;
    /** The virtual key the caller used (its policy; never its secret). Unset for the master key. */
    callerKey?: LiveKey;
  }
}
