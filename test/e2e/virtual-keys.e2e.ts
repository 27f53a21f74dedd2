import OpenAI from 'openai';
import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';
import {
  call,
  createKey,
  ENDPOINT_CALLS,
  flushViolations,
  keysConfig,
  MASTER_KEY,
  OPENAI_ONLY_REMOVAL_ATTEMPTS,
  REMOVAL_ATTEMPTS,
  type CreatedKey,
  type EndpointCall,
} from './virtual-keys.harness';

const ENDPOINTS = Object.keys(ENDPOINT_CALLS) as EndpointCall[];

describe.each(DATABASES)('Virtual keys on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;
  let payments: CreatedKey;

  const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
  /** One request on an API with a key; messages goes the Anthropic way (x-api-key). */
  const send = (
    endpoint: EndpointCall,
    key: string,
    text: string,
    extra: Record<string, unknown> = {},
    model?: string,
  ) => {
    const { path, body } = ENDPOINT_CALLS[endpoint](text, model);
    const headers = endpoint === 'messages' ? { 'x-api-key': key } : bearer(key);
    return call(gateway, 'POST', path, { ...body, ...extra }, headers);
  };

  beforeAll(async () => {
    database = await db.create();
    gateway = await startGateway(keysConfig(database.url));
    payments = await createKey(gateway, {
      key_alias: 'payments-bot',
      team: 'payments',
      guardrails: ['key-heron'],
      metadata: { app: 'payments' },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('shows the secret once, at creation; lists and reads the key without it', async () => {
    expect(payments.key).toMatch(/^sk-[A-Za-z0-9_-]{43}$/);
    expect(payments.key_name).toBe(`sk-...${payments.key.slice(-4)}`);
    expect(payments.guardrail_status).toEqual([{ name: 'key-heron', status: 'active' }]);
    const listed = await call(gateway, 'GET', '/admin/keys');
    const one = await call(gateway, 'GET', `/admin/keys/${payments.id}`);
    for (const reply of [listed, one]) {
      expect(reply.status).toBe(200);
      expect(reply.text).not.toContain(payments.key);
      expect(reply.text).not.toContain(payments.key.slice(3, 20));
    }
    expect(one.json).toMatchObject({ key_alias: 'payments-bot', team: 'payments', allow_request_guardrails: true });
  });

  it('answers through the openai SDK with a virtual key, and blocks with the key’s guardrail unnamed', async () => {
    const client = gateway.client(payments.key);
    const answer = await client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0].message.content).toBe('Hi!');
    const blocked = client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'a heron' }] });
    await expect(blocked).rejects.toMatchObject({ status: 400 });
    expect((await client.models.list()).data.map((model) => model.id)).toContain('mock');
  });

  describe.each(ENDPOINTS)('on %s', (endpoint) => {
    const attempts = { ...REMOVAL_ATTEMPTS, ...(endpoint === 'messages' ? {} : OPENAI_ONLY_REMOVAL_ATTEMPTS) };
    it.each(Object.entries(attempts))(
      'the key’s and the default_on guardrails run whatever the request sends (%s)',
      async (_name, extra) => {
        const clean = await send(endpoint, payments.key, 'hello there', extra);
        expect(clean.status).toBe(200);
        expect(clean.headers.get('x-warden-applied-guardrails')?.split(',')).toEqual(
          expect.arrayContaining(['global-falcon', 'key-heron']),
        );
        // Only key-heron looks for "heron", only global-falcon for "falcon": each 400 is that guardrail's block.
        expect((await send(endpoint, payments.key, 'a grey heron', extra)).status).toBe(400);
        expect((await send(endpoint, payments.key, 'a falcon', extra)).status).toBe(400);
      },
    );

    it('refuses a model outside the key’s list with 403 naming the model, in the API’s own error shape', async () => {
      const limited = await createKey(gateway, { key_alias: `limited-${endpoint}`, models: ['mock', 'mock-embed'] });
      const reply = await send(endpoint, limited.key, 'hello', {}, 'other');
      expect(reply.status).toBe(403);
      expect(reply.text).toContain("'other'");
      if (endpoint === 'messages') {
        expect(reply.json).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
      } else {
        expect(reply.json).toMatchObject({ error: { type: 'permission_error', param: 'model', code: 'forbidden' } });
      }
      expect((await send(endpoint, limited.key, 'hello')).status).toBe(200);
    });

    it('answers 401 for a wrong key in the API’s own error shape, without echoing it', async () => {
      const reply = await send(endpoint, 'sk-not-a-key-0000000000000000', 'hello');
      expect(reply.status).toBe(401);
      expect(reply.text).not.toContain('sk-not-a-key');
      if (endpoint === 'messages') {
        expect(reply.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
      } else {
        expect(reply.json).toMatchObject({ error: { type: 'authentication_error' } });
      }
    });
  });

  it('adds guardrails a request names if the key allows it, and refuses them with 403 if not', async () => {
    expect((await send('chat', payments.key, 'an eagle', { guardrails: ['extra-eagle'] })).status).toBe(400);
    const strict = await createKey(gateway, {
      key_alias: 'strict',
      guardrails: ['key-heron'],
      allow_request_guardrails: false,
    });
    const refused = await send('chat', strict.key, 'an eagle', { guardrails: ['extra-eagle'] });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('extra-eagle');
    expect((await send('chat', strict.key, 'hello', { guardrails: ['key-heron', 'global-falcon'] })).status).toBe(200);
    expect((await send('chat', strict.key, 'a heron', { guardrails: [] })).status).toBe(400);
  });

  it('does not run a key’s guardrail disabled globally, and the admin view of the key says so', async () => {
    const key = await createKey(gateway, { key_alias: 'osprey-key', guardrails: ['later-off'] });
    expect((await send('chat', key.key, 'an osprey')).status).toBe(400);
    const guardrails = (await call(gateway, 'GET', '/admin/guardrails')).json as unknown as Array<{
      id: string;
      guardrail_name: string;
    }>;
    const laterOff = guardrails.find((g) => g.guardrail_name === 'later-off')!;
    expect((await call(gateway, 'POST', `/admin/guardrails/${laterOff.id}/disable`)).status).toBe(200);
    expect((await send('chat', key.key, 'an osprey')).status).toBe(200);
    const view = await call(gateway, 'GET', `/admin/keys/${key.id}`);
    expect(view.json.guardrail_status).toEqual([{ name: 'later-off', status: 'disabled' }]);
    await call(gateway, 'POST', `/admin/guardrails/${laterOff.id}/enable`);
  });

  it('refuses disabled, expired, regenerated and deleted keys with 401 at once, and takes them back when enabled', async () => {
    const key = await createKey(gateway, { key_alias: 'lifecycle' });
    const chat = (secret: string) => send('chat', secret, 'hello');
    expect((await chat(key.key)).status).toBe(200);

    expect((await call(gateway, 'POST', `/admin/keys/${key.id}/disable`)).status).toBe(200);
    const disabled = await chat(key.key);
    expect(disabled.status).toBe(401);
    expect(disabled.text).toContain('disabled');
    expect((await call(gateway, 'POST', `/admin/keys/${key.id}/enable`)).status).toBe(200);
    expect((await chat(key.key)).status).toBe(200);

    const regenerated = await call(gateway, 'POST', `/admin/keys/${key.id}/regenerate`);
    expect(regenerated.status).toBe(200);
    const fresh = regenerated.json.key as string;
    expect(fresh).not.toBe(key.key);
    expect((await chat(key.key)).status).toBe(401);
    expect((await chat(fresh)).status).toBe(200);

    const past = new Date(Date.now() - 1000).toISOString();
    expect((await call(gateway, 'PATCH', `/admin/keys/${key.id}`, { expires_at: past })).status).toBe(200);
    const expired = await chat(fresh);
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('expired');
    expect((await call(gateway, 'PATCH', `/admin/keys/${key.id}`, { expires_at: null })).status).toBe(200);
    expect((await chat(fresh)).status).toBe(200);

    expect((await call(gateway, 'DELETE', `/admin/keys/${key.id}`)).status).toBe(200);
    expect((await chat(fresh)).status).toBe(401);
    expect((await call(gateway, 'GET', `/admin/keys/${key.id}`)).status).toBe(404);
  });

  it('validates keys: unknown models and guardrails, reserved and duplicate aliases, unknown fields', async () => {
    const problems: Array<[Record<string, unknown>, number, string]> = [
      [{ key_alias: 'x1', models: ['nope'] }, 400, 'Unknown model in models: nope'],
      [{ key_alias: 'x2', guardrails: ['nope'] }, 400, 'Unknown guardrail in guardrails: nope'],
      [{ key_alias: 'master_key' }, 400, 'reserved'],
      [{ key_alias: 'payments-bot' }, 409, 'already exists'],
      [{ key_alias: 'x3', max_budget: 10 }, 400, 'max_budget'],
      [{}, 400, 'key_alias'],
    ];
    for (const [body, status, message] of problems) {
      const reply = await call(gateway, 'POST', '/admin/keys', body);
      expect([reply.status, reply.text]).toEqual([status, expect.stringContaining(message)]);
    }
  });

  it('records the key’s alias and team on violations (never the key), and filters and groups by them', async () => {
    expect((await send('responses', payments.key, 'heron again')).status).toBe(400);
    await flushViolations(gateway);
    const page = await call(gateway, 'GET', '/admin/violations?key_alias=payments-bot&limit=500');
    expect(page.status).toBe(200);
    const rows = page.json.data as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.caller_key_alias === 'payments-bot' && row.key_team === 'payments')).toBe(true);
    expect(page.text).not.toContain(payments.key);
    const byTeam = await call(gateway, 'GET', '/admin/violations?team=payments&limit=1');
    expect(byTeam.json.total).toBe(page.json.total);
    const stats = await call(gateway, 'GET', '/admin/violations/stats');
    expect(stats.json.by_key).toEqual(expect.arrayContaining([{ key_alias: 'payments-bot', count: page.json.total }]));
    expect(stats.json.by_team).toEqual(expect.arrayContaining([{ team: 'payments', count: page.json.total }]));
    // The stats take the log's filters too, so the UI's chart counts what its table lists.
    const keyStats = await call(gateway, 'GET', '/admin/violations/stats?key_alias=payments-bot');
    expect(keyStats.json.total).toBe(page.json.total);
    expect(keyStats.json.by_key).toEqual([{ key_alias: 'payments-bot', count: page.json.total }]);
    const teamStats = await call(gateway, 'GET', '/admin/violations/stats?team=payments');
    expect(teamStats.json.total).toBe(page.json.total);
  });

  it('keeps virtual keys off the admin API and the key routes', async () => {
    for (const path of ['/admin/keys', '/admin/guardrails', '/admin/violations', '/key/list']) {
      const reply = await call(gateway, 'GET', path, undefined, bearer(payments.key));
      expect([path, reply.status]).toEqual([path, 401]);
      expect(reply.text).toContain('virtual key');
    }
  });

  it('works through the openai SDK on every endpoint it has', async () => {
    const client: OpenAI = gateway.client(payments.key);
    await expect(client.responses.create({ model: 'mock', input: 'hi' })).resolves.toMatchObject({
      status: 'completed',
    });
    await expect(client.completions.create({ model: 'mock', prompt: 'hi' })).resolves.toMatchObject({
      object: 'text_completion',
    });
    await expect(client.embeddings.create({ model: 'mock-embed', input: 'hi' })).resolves.toMatchObject({
      object: 'list',
    });
    await expect(client.embeddings.create({ model: 'mock-embed', input: 'heron' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 }).models.list(),
    ).resolves.toBeDefined();
  });
});
