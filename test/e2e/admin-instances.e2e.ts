import { POSTGRES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-admin-test';
const PROPAGATION_MS = 2000;

/** Retries the assertion until it passes or the deadline is reached; then fails with its last error. */
async function eventually(assertion: () => Promise<void>, withinMs = PROPAGATION_MS): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('Two gateway instances on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let first: RunningGateway;
  let second: RunningGateway;

  const config = (): Record<string, unknown> => ({
    model_list: [{ model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi!' } }],
    guardrails: [
      {
        guardrail_name: 'config-banned',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['heron'] },
      },
    ],
    general_settings: { master_key: MASTER_KEY, database_url: database.url },
  });

  async function call(
    gateway: RunningGateway,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function chatStatus(gateway: RunningGateway, content: string, guardrails?: string[]): Promise<number> {
    const body = { model: 'mock', messages: [{ role: 'user', content }], ...(guardrails ? { guardrails } : {}) };
    return (await call(gateway, 'POST', '/v1/chat/completions', body)).status;
  }

  beforeAll(async () => {
    database = await POSTGRES.create();
    first = await startGateway(config());
    second = await startGateway(config());
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('a toggle through one instance is applied by the other within 2 s', async () => {
    expect(await chatStatus(second, 'a heron')).toBe(400);
    const list = (await call(first, 'GET', '/admin/guardrails')).json as unknown as Array<{ id: string }>;
    const { id } = list[0];

    expect((await call(first, 'POST', `/admin/guardrails/${id}/disable`)).status).toBe(200);
    expect(await chatStatus(first, 'a heron')).toBe(200);
    await eventually(async () => expect(await chatStatus(second, 'a heron')).toBe(200));

    expect((await call(first, 'POST', `/admin/guardrails/${id}/enable`)).status).toBe(200);
    await eventually(async () => expect(await chatStatus(second, 'a heron')).toBe(400));
  });

  it('a guardrail created, changed and deleted through one instance is enforced the same way by the other', async () => {
    const created = await call(second, 'POST', '/admin/guardrails', {
      guardrail_name: 'shared',
      litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['falcon'] },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    await eventually(async () => expect(await chatStatus(first, 'a falcon', ['shared'])).toBe(400));

    await call(second, 'PATCH', `/admin/guardrails/${id}`, { litellm_params: { keywords: ['eagle'] } });
    await eventually(async () => {
      expect(await chatStatus(first, 'a falcon', ['shared'])).toBe(200);
      expect(await chatStatus(first, 'an eagle', ['shared'])).toBe(400);
    });

    await call(second, 'DELETE', `/admin/guardrails/${id}`);
    await eventually(async () => {
      const reply = await call(first, 'POST', '/v1/chat/completions', {
        model: 'mock',
        messages: [{ role: 'user', content: 'hello' }],
        guardrails: ['shared'],
      });
      expect(reply.status).toBe(400);
      expect((reply.json.error as { code: string }).code).toBe('guardrail_not_found');
    });
  });
});
