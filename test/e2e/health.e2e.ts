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
