import { LAKERA_MOCK_API_KEY, startLakeraMock, type LakeraMock } from '../mocks/lakera.mock';
import { startOpenAiUpstream, type OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import { startGatewayProcess, type GatewayProcess } from './cli-process';

const MASTER_KEY = 'sk-master-3f9c1d7e5b2a4c6e8f0a';
const UPSTREAM_KEY = 'sk-upstream-9a8b7c6d5e4f3a2b1c0d';
const WRONG_KEY = 'sk-wrong-1111222233334444';
const API_GUARD_KEY = 'lk-admin-created-5566778899aabbcc';

describe('keys never appear in logs or responses', () => {
  let upstream: OpenAiUpstreamMock;
  let lakera: LakeraMock;
  let gateway: GatewayProcess;
  const responses: string[] = [];

  async function call(path: string, init: RequestInit = {}, key = MASTER_KEY): Promise<Response> {
    const response = await fetch(`${gateway.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...init.headers },
    });
    responses.push(await response.clone().text());
    return response;
  }

  beforeAll(async () => {
    [upstream, lakera] = await Promise.all([startOpenAiUpstream(), startLakeraMock()]);
    gateway = await startGatewayProcess(
      {
        model_list: [
          {
            model_name: 'gpt',
            litellm_params: { model: 'openai/gpt', api_base: `${upstream.url}/v1`, api_key: 'os.environ/UPSTREAM_KEY' },
          },
        ],
        guardrails: [
          {
            guardrail_name: 'lakera',
            litellm_params: {
              guardrail: 'lakera_v2',
              mode: 'pre_call',
              default_on: true,
              api_key: 'os.environ/LAKERA_KEY',
              api_base: lakera.url,
            },
          },
        ],
        general_settings: { master_key: 'os.environ/MASTER_KEY' },
      },
      ['--detailed_debug'],
      { UPSTREAM_KEY, LAKERA_KEY: LAKERA_MOCK_API_KEY, MASTER_KEY },
    );
  });

  afterAll(async () => {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    await Promise.all([upstream.close(), lakera.close()]);
  });

  it('keeps every key out of the captured log and out of every response', async () => {
    expect((await call('/v1/models', {}, WRONG_KEY)).status).toBe(401);
    expect((await call('/admin/guardrails', {}, WRONG_KEY)).status).toBe(401);
    const chat = await call('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'hello there' }] }),
    });
    expect(chat.status).toBe(200);
    const blocked = await call('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'BLOCKME now' }] }),
    });
    expect(blocked.status).toBe(400);
    const created = await call('/admin/guardrails', {
      method: 'POST',
      body: JSON.stringify({
        guardrail_name: 'api-lakera',
        litellm_params: { guardrail: 'lakera_v2', mode: 'pre_call', api_key: API_GUARD_KEY, api_base: lakera.url },
      }),
    });
    expect(created.status).toBe(201);
    expect((await call('/admin/guardrails')).status).toBe(200);
    expect((await call('/guardrails/list')).status).toBe(200);
    lakera.set({ status: 401 });
    await call('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(gateway.output()).toContain('guardrail lakera'); // detailed_debug did log the guardrail calls

    const log = gateway.output();
    for (const secret of [MASTER_KEY, UPSTREAM_KEY, WRONG_KEY, API_GUARD_KEY, LAKERA_MOCK_API_KEY]) {
      expect(log).not.toContain(secret);
      for (const body of responses) {
        expect(body).not.toContain(secret);
      }
    }
  });

  it('keeps virtual keys out of the log and out of every response after the one that creates them', async () => {
    lakera.reset();
    const creation = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
      const response = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const chat = (key: string, content: string): Promise<Response> =>
      call(
        '/v1/chat/completions',
        { method: 'POST', body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content }] }) },
        key,
      );
    const created = await creation('/admin/keys', { key_alias: 'logged-nowhere', team: 't1' });
    const first = created.key as string;
    expect((await chat(first, 'hello from a virtual key')).status).toBe(200);
    expect((await chat(first, 'BLOCKME with a virtual key')).status).toBe(400);
    expect((await call(`/key/info?key=${encodeURIComponent(first)}`)).status).toBe(200);
    expect((await call('/admin/keys', {}, first)).status).toBe(401);
    expect((await call(`/admin/keys/${String(created.id)}`)).status).toBe(200);
    expect((await call('/key/list?return_full_object=true')).status).toBe(200);

    const regenerated = await creation('/key/regenerate', { key: first });
    const second = regenerated.key as string;
    expect((await chat(first, 'hello with the old secret')).status).toBe(401);
    expect((await call(`/key/info?key=${encodeURIComponent(first)}`)).status).toBe(404);
    expect((await call(`/admin/keys/${String(created.id)}/disable`, { method: 'POST' })).status).toBe(200);
    expect((await chat(second, 'hello while disabled')).status).toBe(401);
    expect((await call('/key/delete', { method: 'POST', body: JSON.stringify({ keys: [second] }) })).status).toBe(200);
    expect((await chat(second, 'hello after delete')).status).toBe(401);

    const log = gateway.output();
    expect(log).toContain('/key/info?key=[REDACTED]');
    for (const secret of [first, second]) {
      expect(log).not.toContain(secret);
      for (const body of responses) {
        expect(body).not.toContain(secret);
      }
    }
  });
});
