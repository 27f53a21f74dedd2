import type { RunningGateway } from '../e2e/gateway.harness';
import { startUiGateway } from './ui.harness';

async function get(gateway: RunningGateway, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.url}${path}`, { headers });
}

describe('The admin UI is served by the gateway at /ui', () => {
  let gateway: RunningGateway;
  let assets: string[];

  beforeAll(async () => {
    gateway = await startUiGateway();
    const html = await (await get(gateway, '/ui/')).text();
    assets = [...html.matchAll(/(?:href|src)="(\/ui\/assets\/[^"]+)"/g)].map((match) => match[1]);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
  });

  it('sends a browser that opens the gateway itself to the admin UI', async () => {
    const response = await fetch(`${gateway.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ui');
    const followed = await fetch(`${gateway.url}/`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain('<div id="app"></div>');
  });

  it.each(['/ui', '/ui/', '/ui/violations'])('answers %s with the page, without a key', async (path) => {
    const response = await get(gateway, path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<div id="app"></div>');
  });

  it('sends a restrictive content security policy: own origin only, no inline code, no framing', async () => {
    const response = await get(gateway, '/ui/');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('names a script, a stylesheet and an icon that it serves with their types and cached for good', async () => {
    expect(assets).toHaveLength(3);
    const types = await Promise.all(
      assets.map(async (path) => {
        const response = await get(gateway, path);
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
        return response.headers.get('content-type');
      }),
    );
    expect(types.sort()).toEqual(['image/svg+xml', 'text/css; charset=utf-8', 'text/javascript; charset=utf-8']);
  });

  it('answers 304 when the browser already has the current page', async () => {
    const first = await get(gateway, '/ui/');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await get(gateway, '/ui/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('answers 404 in the OpenAI error shape for a file that is not part of the build', async () => {
    for (const path of ['/ui/assets/nope.js', '/ui/assets/..%2F..%2Fpackage.json', '/ui/assets/index.html']) {
      const response = await get(gateway, path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
