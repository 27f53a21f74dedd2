import { hash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { WardenError, WardenErrorCode } from '../common/warden.error';

/**
 * When `general_settings.master_key` is set, requests need `Authorization: Bearer <key>` (or `x-api-key` / `api-key`).
 * Both sides are hashed first so the comparison is constant-time whatever the lengths.
 */
@Injectable()
export class MasterKeyGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(WARDEN_CONFIG) config: WardenConfig) {
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
      throw new WardenError(
        WardenErrorCode.Unauthorized,
        'Authentication error: no API key passed. Send Authorization: Bearer <key>.',
      );
    }
    if (!timingSafeEqual(digest(presented), this.expected)) {
      throw new WardenError(WardenErrorCode.Unauthorized, 'Authentication error: invalid API key.');
    }
    request.callerKeyAlias = 'master_key';
    return true;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Which key the caller used, safe to log and store (never the key itself). */
    callerKeyAlias?: string;
  }
}

/**
 * The key the caller sent: a Bearer token, else `x-api-key` (Anthropic clients) or `api-key` (Azure OpenAI clients),
 * else a bare Authorization value. An empty or non-Bearer Authorization header (a proxy's `Basic` credentials) does
 * not hide a key sent in one of the others.
 */
function presentedKey(headers: FastifyRequest['headers']): string | undefined {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization.trim() : '';
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) {
    return bearer[1].trim();
  }
  for (const name of ['x-api-key', 'api-key']) {
    const value = headers[name];
    if (typeof value === 'string' && value.trim() !== '') {
      return value.trim();
    }
  }
  return authorization === '' ? undefined : authorization;
}

function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
