import { POSTGRES } from '../support/test-databases';
import { startGateway } from './gateway.harness';

describe('health probes', () => {
  it('answers liveliness and readiness without a key, even when a master key is set', async () => {
    const gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo' } }],
      general_settings: { master_key: 'sk-probe-test' },
    });
    try {
      const live = await fetch(`${gateway.url}/health/liveliness`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${gateway.url}/health/readiness`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    } finally {
      await gateway.close();
    }
  });
});

describe('readiness when the database goes away', () => {
  it('answers 503 while the database is unreachable, and liveliness stays 200', async () => {
    const database = await POSTGRES.create();
    const gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo' } }],
      general_settings: { database_url: database.url },
    });
    try {
      expect((await fetch(`${gateway.url}/health/readiness`)).status).toBe(200);
      await database.drop();
      const ready = await fetch(`${gateway.url}/health/readiness`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      expect((await fetch(`${gateway.url}/health/liveliness`)).status).toBe(200);
    } finally {
      await gateway.close().catch(() => undefined);
    }
  });
});
