import { hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The key the caller sent: a Bearer token, else `x-api-key` (Anthropic clients) or `api-key` (Azure OpenAI clients),
 * else a bare Authorization value. An empty or non-Bearer Authorization header (a proxy's `Basic` credentials) does
 * not hide a key sent in one of the others.
 */
export function presentedKey(headers: FastifyRequest['headers']): string | undefined {
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

/** SHA-256 of a key: compared in constant time with the master key's, and (as hex) the virtual key lookup. */
export function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
