import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { assertKeyUsable } from '../keys/key-access';
import { KeyRegistry } from '../keys/key.registry';
import { invalidKey, noKey } from './master-key.guard';
import { digest, presentedKey } from './presented-key';

/**
 * The `/v1` APIs: the master key, or a virtual key looked up in memory by its SHA-256 (no database read). A wrong,
 * disabled or expired key is a 401; the endpoint's error filter writes it in the API's own shape. Without a master
 * key the gateway is open, but a virtual key sent anyway still brings its policy (and a disabled one is refused).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(
    @Inject(WARDEN_CONFIG) config: WardenConfig,
    private readonly keys: KeyRegistry,
  ) {
    this.expected = config.general.masterKey === undefined ? undefined : digest(config.general.masterKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedKey(request.headers);
    if (presented === undefined) {
      if (this.expected) {
        throw noKey();
      }
      request.callerKeyAlias = 'anonymous';
      return true;
    }
    const hashed = digest(presented);
    if (this.expected && timingSafeEqual(hashed, this.expected)) {
      request.callerKeyAlias = 'master_key';
      return true;
    }
    const key = this.keys.find(hashed.toString('hex'));
    if (!key) {
      if (this.expected) {
        throw invalidKey();
      }
      request.callerKeyAlias = 'anonymous';
      return true;
    }
    assertKeyUsable(key, Date.now());
    request.callerKey = key;
    request.callerKeyAlias = key.alias;
    return true;
  }
}
