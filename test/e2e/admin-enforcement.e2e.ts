import OpenAI from 'openai';
import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-admin-test';

interface Reply {
  status: number;
  json: Record<string, unknown>;
}

/** The block contract: 400 with error.message.error === 'Violated content safety policy'. */
function blockMessage(reply: Reply): unknown {
  const error = reply.json.error as { message?: unknown } | undefined;
  const message = error?.message;
  return typeof message === 'object' && message !== null ? (message as { error?: unknown }).error : message;
}

describe.each(DATABASES)('Admin writes apply to the next chat request on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;

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

  async function call(gatewayUrl: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const admin = (method: string, path: string, body?: unknown): Promise<Reply> => call(gateway.url, method, path, body);

  const chat = (content: string, extra: Record<string, unknown> = {}): Promise<Reply> =>
    call(gateway.url, 'POST', '/v1/chat/completions', {
      model: 'mock',
      messages: [{ role: 'user', content }],
      ...extra,
    });

  async function createGuardrail(entry: Record<string, unknown>): Promise<string> {
    const reply = await admin('POST', '/admin/guardrails', entry);
    expect(reply.status).toBe(201);
    return reply.json.id as string;
  }

  async function idOf(name: string): Promise<string> {
    const list = (await admin('GET', '/admin/guardrails')).json as unknown as Array<{
      id: string;
      guardrail_name: string;
    }>;
    return list.find((g) => g.guardrail_name === name)!.id;
  }

  beforeAll(async () => {
    database = await db.create();
    gateway = await startGateway(config());
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('a guardrail created through the API blocks the very next chat request (openai SDK: BadRequestError)', async () => {
    await createGuardrail({
      guardrail_name: 'no-falcon',
      litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['falcon'] },
    });
    const blocked = await chat('tell me about falcon');
    expect(blocked.status).toBe(400);
    expect(blockMessage(blocked)).toBe('Violated content safety policy');

    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    await expect(
      client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'falcon again' }] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('disabling it lets the next request through; enabling it blocks again', async () => {
    const id = await idOf('no-falcon');
    expect((await admin('POST', `/admin/guardrails/${id}/disable`)).status).toBe(200);
    const passed = await chat('tell me about falcon');
    expect(passed.status).toBe(200);
    expect(passed.json).toMatchObject({ choices: [{ message: { content: 'Hi!' } }] });

    expect((await admin('POST', `/admin/guardrails/${id}/enable`)).status).toBe(200);
    expect((await chat('tell me about falcon')).status).toBe(400);
  });

  it('a disabled guardrail that a request names is skipped without an error', async () => {
    const id = await createGuardrail({
      guardrail_name: 'opt-in',
      enabled: false,
      litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['otter'] },
    });
    expect((await chat('an otter', { guardrails: ['opt-in'] })).status).toBe(200);
    await admin('POST', `/admin/guardrails/${id}/enable`);
    expect((await chat('an otter', { guardrails: ['opt-in'] })).status).toBe(400);
    expect((await chat('an otter')).status).toBe(200);
  });

  it('a PATCH applies to the next request', async () => {
    const id = await idOf('no-falcon');
    const patched = await admin('PATCH', `/admin/guardrails/${id}`, { litellm_params: { keywords: ['eagle'] } });
    expect(patched.status).toBe(200);
    expect((await chat('tell me about falcon')).status).toBe(200);
    expect((await chat('tell me about eagle')).status).toBe(400);
  });

  it('deleting it makes a request that names it a 400, and its default_on check stops', async () => {
    const id = await idOf('no-falcon');
    expect((await admin('DELETE', `/admin/guardrails/${id}`)).status).toBe(200);
    expect((await chat('tell me about eagle')).status).toBe(200);
    const named = await chat('hello', { guardrails: ['no-falcon'] });
    expect(named.status).toBe(400);
    expect((named.json.error as { message: string }).message).toContain('no-falcon');
  });

  it('a toggle of a config.yaml guardrail applies at once and survives a restart on the same database', async () => {
    expect((await chat('a heron')).status).toBe(400);
    const id = await idOf('config-banned');
    expect((await admin('POST', `/admin/guardrails/${id}/disable`)).status).toBe(200);
    expect((await chat('a heron')).status).toBe(200);
    const apiCreated = await createGuardrail({
      guardrail_name: 'survivor',
      litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['lynx'] },
    });

    await gateway.close();
    gateway = await startGateway(config());

    const after = (await admin('GET', `/admin/guardrails/${id}`)).json;
    expect(after).toMatchObject({ enabled: false, source: 'config' });
    expect((await chat('a heron')).status).toBe(200);
    expect((await admin('GET', `/admin/guardrails/${apiCreated}`)).json).toMatchObject({
      enabled: true,
      source: 'api',
    });
    expect((await chat('a lynx')).status).toBe(400);

    await admin('POST', `/admin/guardrails/${id}/enable`);
    expect((await chat('a heron')).status).toBe(400);
  });
});
