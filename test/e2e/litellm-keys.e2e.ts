import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';
import { call, ENDPOINT_CALLS, keysConfig } from './virtual-keys.harness';

describe.each(DATABASES)('LiteLLM key routes (/key/*) on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;

  const chat = async (key: string, text = 'hello', model = 'mock'): Promise<number> => {
    const { path, body } = ENDPOINT_CALLS.chat(text, model);
    return (await call(gateway, 'POST', path, body, { authorization: `Bearer ${key}` })).status;
  };

  beforeAll(async () => {
    database = await db.create();
    gateway = await startGateway(keysConfig(database.url));
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('generates a key from LiteLLM fields and answers in LiteLLM’s shape, guardrails at top level and in metadata', async () => {
    const reply = await call(gateway, 'POST', '/key/generate', {
      key_alias: 'lite',
      models: ['mock'],
      team_id: 'team-payments',
      duration: '30d',
      guardrails: ['key-heron'],
      metadata: { app: 'payments' },
      disable_global_guardrails: false,
      max_budget: null,
      tags: [],
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      key_alias: 'lite',
      models: ['mock'],
      team_id: 'team-payments',
      guardrails: ['key-heron'],
      metadata: { app: 'payments', guardrails: ['key-heron'] },
      blocked: false,
    });
    const key = reply.json.key as string;
    const hash = reply.json.token_id as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(reply.json.expires as string) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await chat(key)).toBe(200);
    expect(await chat(key, 'a heron')).toBe(400);
    expect(await chat(key, 'hello', 'other')).toBe(403);

    const info = await call(gateway, 'GET', `/key/info?key=${hash}`);
    expect(info.json).toMatchObject({
      key: hash,
      info: { key_alias: 'lite', metadata: { guardrails: ['key-heron'] } },
    });
    expect(info.text).not.toContain(key);
    const byKey = await call(gateway, 'GET', `/key/info?key=${encodeURIComponent(key)}`);
    expect(byKey.status).toBe(200);
    expect(byKey.text).not.toContain(key);

    const list = await call(gateway, 'GET', '/key/list?team_id=team-payments');
    expect(list.json).toMatchObject({ keys: [hash], total_count: 1, current_page: 1, total_pages: 1 });
    const full = await call(gateway, 'GET', '/key/list?return_full_object=true&key_alias=lite');
    expect(full.json.keys).toEqual([expect.objectContaining({ key_alias: 'lite', token: hash })]);
    expect(full.text).not.toContain(key);
  });

  it('updates by key or by key_alias, blocks and unblocks, regenerates, and deletes', async () => {
    const generated = await call(gateway, 'POST', '/key/generate', { key_alias: 'cycle' });
    const key = generated.json.key as string;

    const updated = await call(gateway, 'POST', '/key/update', { key, models: ['other'], metadata: { v: 2 } });
    expect(updated.status).toBe(200);
    expect(updated.text).not.toContain(key);
    expect(await chat(key)).toBe(403);
    expect((await call(gateway, 'POST', '/key/update', { key_alias: 'cycle', models: [] })).status).toBe(200);
    expect(await chat(key)).toBe(200);

    expect((await call(gateway, 'POST', '/key/block', { key })).json.blocked).toBe(true);
    expect(await chat(key)).toBe(401);
    expect((await call(gateway, 'POST', '/key/unblock', { key })).json.blocked).toBe(false);
    expect(await chat(key)).toBe(200);

    const regenerated = await call(gateway, 'POST', '/key/regenerate', {
      key,
      new_key: 'sk-chosen-by-the-caller-0001',
    });
    expect(regenerated.status).toBe(200);
    expect(regenerated.json.key).toBe('sk-chosen-by-the-caller-0001');
    expect(regenerated.json.key_alias).toBe('cycle');
    expect(await chat(key)).toBe(401);
    expect(await chat('sk-chosen-by-the-caller-0001')).toBe(200);

    const deleted = await call(gateway, 'POST', '/key/delete', { keys: ['sk-chosen-by-the-caller-0001'] });
    expect(deleted.status).toBe(200);
    expect(deleted.text).not.toContain('sk-chosen-by-the-caller-0001');
    expect(deleted.json.deleted_keys).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(await chat('sk-chosen-by-the-caller-0001')).toBe(401);
    expect((await call(gateway, 'GET', '/key/info?key=sk-chosen-by-the-caller-0001')).status).toBe(404);
  });

  it('deletes by key_aliases', async () => {
    await call(gateway, 'POST', '/key/generate', { key_alias: 'by-alias' });
    const deleted = await call(gateway, 'POST', '/key/delete', { key_aliases: ['by-alias'] });
    expect(deleted.json).toEqual({ deleted_keys: ['by-alias'] });
    expect((await call(gateway, 'POST', '/key/delete', { key_aliases: ['by-alias'] })).status).toBe(404);
  });

  it('answers a clear 400 naming each unsupported field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ max_budget: 10, rpm_limit: 5 }, "Not supported by Warden's virtual keys: max_budget, rpm_limit"],
      [{ tags: ['a'] }, 'tags'],
      [{ disable_global_guardrails: true }, 'no key can opt out of default_on guardrails'],
      [{ permissions: { pii: false } }, 'nothing on a Warden key switches a guardrail off'],
      [{ duration: 'soon' }, 'duration'],
      [{ made_up: 1 }, 'made_up'],
      [{ key: 'short' }, 'A chosen key must start with'],
      [{ key: 'sk-warden-keys-master-test' }, 'cannot be the master key'],
    ];
    for (const [body, message] of cases) {
      const reply = await call(gateway, 'POST', '/key/generate', body);
      expect([reply.status, reply.text]).toEqual([400, expect.stringContaining(message)]);
    }
    const regenerate = await call(gateway, 'POST', '/key/regenerate', { key_alias: 'lite', grace_period: '24h' });
    expect([regenerate.status, regenerate.text]).toEqual([400, expect.stringContaining('grace_period')]);
  });
});
