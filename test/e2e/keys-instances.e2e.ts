import { POSTGRES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';
import { call, createKey, ENDPOINT_CALLS, eventually, keysConfig } from './virtual-keys.harness';

describe('Virtual keys on two gateway instances sharing one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let first: RunningGateway;
  let second: RunningGateway;

  const chat = async (gateway: RunningGateway, key: string, text = 'hello'): Promise<number> => {
    const { path, body } = ENDPOINT_CALLS.chat(text);
    return (await call(gateway, 'POST', path, body, { authorization: `Bearer ${key}` })).status;
  };

  beforeAll(async () => {
    database = await POSTGRES.create();
    first = await startGateway(keysConfig(database.url));
    second = await startGateway(keysConfig(database.url));
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('a key created, changed, disabled, regenerated and deleted on one instance is enforced by the other within 2 s', async () => {
    const key = await createKey(first, { key_alias: 'shared' });
    expect(await chat(first, key.key)).toBe(200);
    await eventually(async () => expect(await chat(second, key.key)).toBe(200));

    await call(first, 'PATCH', `/admin/keys/${key.id}`, { guardrails: ['key-heron'] });
    expect(await chat(first, key.key, 'a heron')).toBe(400);
    await eventually(async () => expect(await chat(second, key.key, 'a heron')).toBe(400));

    await call(first, 'POST', `/admin/keys/${key.id}/disable`);
    expect(await chat(first, key.key)).toBe(401);
    await eventually(async () => expect(await chat(second, key.key)).toBe(401));
    await call(second, 'POST', `/admin/keys/${key.id}/enable`);
    expect(await chat(second, key.key)).toBe(200);
    await eventually(async () => expect(await chat(first, key.key)).toBe(200));

    const regenerated = await call(second, 'POST', `/admin/keys/${key.id}/regenerate`);
    const fresh = regenerated.json.key as string;
    expect(await chat(second, key.key)).toBe(401);
    await eventually(async () => {
      expect(await chat(first, key.key)).toBe(401);
      expect(await chat(first, fresh)).toBe(200);
    });

    await call(first, 'DELETE', `/admin/keys/${key.id}`);
    expect(await chat(first, fresh)).toBe(401);
    await eventually(async () => expect(await chat(second, fresh)).toBe(401));
  });
});
