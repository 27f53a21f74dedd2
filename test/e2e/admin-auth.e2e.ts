import { randomUUID } from 'node:crypto';
import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-admin-test';

/**
 * Routes anyone may read (GET, HEAD): the OpenAPI document and Swagger UI, which describe the API and hold no data,
 * and the orchestrator probes (LiteLLM's paths). Every other route the app registers must answer 401 without the
 * master key; a new public route goes here, on purpose.
 */
const PUBLIC_PATHS = new Set([
  '/',
  '/docs',
  '/docs-json',
  '/docs-yaml',
  '/docs/:asset',
  '/health/liveliness',
  '/health/readiness',
  '/metrics',
  '/ui',
  '/ui*',
  '/ui/assets/:file',
]);

interface Route {
  method: string;
  url: string;
}

/** Every route Fastify serves, read from its router tree (`printRoutes`), so a route added later is covered too. */
function registeredRoutes(gateway: RunningGateway): Route[] {
  const tree = gateway.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const prefixes: string[] = [];
  const routes: Route[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) {
      continue;
    }
    const depth = [...match[1]].length / 4;
    const url = `${depth === 0 ? '' : prefixes[depth - 1]}${match[2]}`;
    prefixes[depth] = url;
    for (const method of match[3]?.split(', ') ?? []) {
      routes.push({ method, url });
    }
  }
  return routes;
}

/** The LLM APIs (and their unversioned aliases): the only routes a virtual key may call. */
const LLM_API = /^\/(?:v1\/)?(?:chat\/completions|responses|messages|completions|embeddings|models(?:\/:id)?)$/;

function isLlmApi(route: Route): boolean {
  return LLM_API.test(route.url);
}

function isPublic(route: Route): boolean {
  return PUBLIC_PATHS.has(route.url) && (route.method === 'GET' || route.method === 'HEAD');
}

function concrete(url: string): string {
  return url
    .replace(/:id\b/g, randomUUID())
    .replace(/:[A-Za-z_]+/g, 'x')
    .replace(/\*/g, 'x');
}

describe.each(DATABASES)('Every route is guarded by the master key on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;
  let routes: Route[];
  let virtualKey: string;

  async function status(route: Route, key?: string): Promise<number> {
    const response = await fetch(`${gateway.url}${concrete(route.url)}`, {
      method: route.method,
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    });
    await response.arrayBuffer();
    return response.status;
  }

  beforeAll(async () => {
    database = await db.create();
    gateway = await startGateway({
      model_list: [{ model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi!' } }],
      general_settings: { master_key: MASTER_KEY, database_url: database.url },
    });
    routes = registeredRoutes(gateway).filter((route) => !isPublic(route));
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key_alias: 'auth-matrix' }),
    });
    virtualKey = ((await created.json()) as { key: string }).key;
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('finds the admin, LiteLLM-alias and OpenAI routes in the router', () => {
    const listed = routes.map((route) => `${route.method} ${route.url}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'GET /admin/guardrails',
        'POST /admin/guardrails',
        'GET /admin/guardrails/:id',
        'PATCH /admin/guardrails/:id',
        'DELETE /admin/guardrails/:id',
        'POST /admin/guardrails/:id/enable',
        'POST /admin/guardrails/:id/disable',
        'POST /admin/guardrails/:id/test',
        'GET /guardrails/list',
        'GET /admin/violations',
        'DELETE /admin/violations',
        'GET /admin/violations/stats',
        'GET /admin/violations/:id',
        'GET /admin/keys',
        'POST /admin/keys',
        'GET /admin/keys/:id',
        'PATCH /admin/keys/:id',
        'DELETE /admin/keys/:id',
        'POST /admin/keys/:id/enable',
        'POST /admin/keys/:id/disable',
        'POST /admin/keys/:id/regenerate',
        'POST /key/generate',
        'POST /key/update',
        'POST /key/delete',
        'GET /key/info',
        'GET /key/list',
        'POST /key/regenerate',
        'POST /key/block',
        'POST /key/unblock',
        'POST /v1/chat/completions',
        'GET /v1/models',
      ]),
    );
  });

  it('answers 401 on every non-public route without a key', async () => {
    const answers = await Promise.all(
      routes.map(async (route) => `${route.method} ${route.url} -> ${await status(route)}`),
    );
    expect(answers).toEqual(routes.map((route) => `${route.method} ${route.url} -> 401`));
  });

  it('answers 401 on every non-public route with a wrong key', async () => {
    const answers = await Promise.all(
      routes.map(async (route) => `${route.method} ${route.url} -> ${await status(route, 'sk-wrong')}`),
    );
    expect(answers).toEqual(routes.map((route) => `${route.method} ${route.url} -> 401`));
  });

  it('lets the master key through on every route (whatever the route then answers)', async () => {
    for (const route of routes) {
      expect(`${route.method} ${route.url} -> ${await status(route, MASTER_KEY)}`).not.toMatch(/-> 401$/);
    }
  });

  it('lets a virtual key through on the LLM APIs only, and answers 401 on every other route', async () => {
    const answers = await Promise.all(
      routes.map(async (route) => `${route.method} ${route.url} -> ${await status(route, virtualKey)}`),
    );
    expect(routes.filter(isLlmApi).length).toBeGreaterThanOrEqual(14);
    for (const [index, route] of routes.entries()) {
      if (isLlmApi(route)) {
        expect(answers[index]).not.toMatch(/-> 401$/);
      } else {
        expect(answers[index]).toBe(`${route.method} ${route.url} -> 401`);
      }
    }
  });

  it('takes the key from Authorization: Bearer, x-api-key or api-key, and a Basic or empty Authorization does not hide it', async () => {
    const models = async (headers: Record<string, string>): Promise<number> => {
      const response = await fetch(`${gateway.url}/v1/models`, { headers });
      await response.arrayBuffer();
      return response.status;
    };
    expect(await models({ 'x-api-key': MASTER_KEY })).toBe(200);
    expect(await models({ 'api-key': MASTER_KEY })).toBe(200);
    expect(await models({ authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': MASTER_KEY })).toBe(200);
    expect(await models({ authorization: '', 'x-api-key': MASTER_KEY })).toBe(200);
    expect(await models({ authorization: MASTER_KEY })).toBe(200);
    expect(await models({ authorization: `Bearer sk-wrong`, 'x-api-key': MASTER_KEY })).toBe(401);
  });
});
