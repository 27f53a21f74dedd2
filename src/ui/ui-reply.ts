import type { FastifyReply } from 'fastify';
import type { UiFile } from './ui-file';

/**
 * The admin UI loads only its own script, stylesheet and icon, and talks only to this origin: no inline script or
 * style, no framing, no plugins.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': UI_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Writes one UI file with its type, caching and security headers; 304 when the browser's copy is current. */
export function sendUiFile(reply: FastifyReply, file: UiFile, ifNoneMatch: string | undefined): FastifyReply {
  void reply.headers(SECURITY_HEADERS).header('cache-control', file.cacheControl).header('etag', file.etag);
  if (file.status === 200 && ifNoneMatch === file.etag) {
    return reply.status(304).send();
  }
  return reply.status(file.status).type(file.contentType).send(file.body);
}
