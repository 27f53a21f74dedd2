import { createHash } from 'node:crypto';
import { extname } from 'node:path';

/** One file of the built admin UI, held in memory with the headers it is served with. */
export interface UiFile {
  status: number;
  body: Buffer;
  contentType: string;
  cacheControl: string;
  etag: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** index.html is revalidated on every load; the assets it names carry a content hash and never change. */
const CACHE_CONTROL = { page: 'no-cache', asset: 'public, max-age=31536000, immutable' } as const;

export function isServableAsset(name: string): boolean {
  return Object.hasOwn(CONTENT_TYPES, extname(name)) && extname(name) !== '.html';
}

export function uiFile(name: string, body: Buffer, status = 200): UiFile {
  return {
    status,
    body,
    contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    cacheControl: extname(name) === '.html' ? CACHE_CONTROL.page : CACHE_CONTROL.asset,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** What /ui/ answers when the build has not produced the UI (a plain `tsc`, as `npm test` runs before jest). */
export function notBuiltPage(): UiFile {
  const html =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Warden admin</title></head>' +
    '<body><h1>The admin UI is not built</h1><p>Run <code>npm run build</code> (or <code>npm run build:ui</code>) ' +
    'and restart the gateway.</p></body></html>';
  return { ...uiFile('index.html', Buffer.from(html)), status: 503 };
}
