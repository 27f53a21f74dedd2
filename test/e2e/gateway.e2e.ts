import OpenAI from 'openai';
import { startAnthropicUpstream, type AnthropicUpstreamMock } from '../mocks/anthropic-upstream.mock';
import { startOpenAiUpstream, type OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import { postRaw, startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-master-test';

describe('Gateway foundation (end to end, openai SDK client)', () => {
  let primary: OpenAiUpstreamMock;
  let secondary: OpenAiUpstreamMock;
  let backup: OpenAiUpstreamMock;
  let anthropic: AnthropicUpstreamMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    [primary, secondary, backup, anthropic] = await Promise.all([
      startOpenAiUpstream('primary'),
      startOpenAiUpstream('secondary'),
      startOpenAiUpstream('backup'),
      startAnthropicUpstream('sk-ant-test'),
    ]);
    gateway = await startGateway(
      {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: {
              model: 'openai/gpt-4o-2024',
              api_base: `${primary.url}/v1`,
              api_key: 'os.environ/OPENAI_KEY',
            },
          },
          {
            model_name: 'balanced',
            litellm_params: { model: 'openai/m', api_base: `${primary.url}/v1`, api_key: 'k1' },
          },
          {
            model_name: 'balanced',
            litellm_params: { model: 'openai/m', api_base: `${secondary.url}/v1`, api_key: 'k2' },
          },
          { model_name: 'flaky', litellm_params: { model: 'openai/flaky', api_base: `${secondary.url}/v1` } },
          { model_name: 'backup', litellm_params: { model: 'openai/backup', api_base: `${backup.url}/v1` } },
          { model_name: 'slow', litellm_params: { model: 'openai/slow', api_base: `${primary.url}/v1`, timeout: 0.3 } },
          { model_name: 'nowhere', litellm_params: { model: 'openai/x', api_base: 'http://127.0.0.1:9' } },
          {
            model_name: 'claude',
            litellm_params: { model: 'anthropic/claude-sonnet-4', api_base: anthropic.url, api_key: 'sk-ant-test' },
          },
          {
            model_name: 'azure-gpt',
            litellm_params: {
              model: 'azure/my-deployment',
              api_base: primary.url,
              api_key: 'az-key',
              api_version: '2024-10-21',
            },
          },
          { model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'canned answer' } },
        ],
        general_settings: { master_key: MASTER_KEY, max_request_size_mb: 0.05 },
        router_settings: { num_retries: 2, retry_after: 0.01, fallbacks: [{ flaky: ['backup'] }] },
      },
      { OPENAI_KEY: 'sk-upstream-secret' },
    );
    client = gateway.client(MASTER_KEY);
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([primary.close(), secondary.close(), backup.close(), anthropic.close()]);
  });

  beforeEach(() => {
    for (const mock of [primary, secondary, backup]) {
      mock.reset();
    }
    anthropic.reset();
    anthropic.failWith = undefined;
  });

  it('proxies a plain call to the configured upstream model with its api key', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0].message.content).toBe('reply from primary');
    const [sent] = primary.chatRequests();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-upstream-secret');
    expect((sent.body as { model: string }).model).toBe('gpt-4o-2024');
  });

  it('passes unknown body fields through untouched and strips Warden fields', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
      response_format: { type: 'json_object' },
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }],
      // @ts-expect-error vendor extension fields
      custom_field: { nested: [1, 2, 3] },
    });
    const body = primary.chatRequests()[0].body as Record<string, unknown>;
    expect(body.temperature).toBe(0.2);
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.tools).toHaveLength(1);
    expect(body.custom_field).toEqual({ nested: [1, 2, 3] });
  });

  it('streams chunks to the client before the upstream has finished', async () => {
    primary.enqueue({ content: 'one two three', holdAfterFirstChunk: true });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const received: string[] = [];
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta?.content;
      if (piece) {
        received.push(piece);
        if (received.length === 1) {
          // The upstream is still holding the rest of its answer: the first chunk got through on its own.
          expect(primary.aborted).toHaveLength(0);
          primary.release();
        }
      }
    }
    expect(received.join('')).toBe('one two three');
  });

  it('ends a stream with data: [DONE]', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` },
      body: JSON.stringify({ model: 'demo', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(text).toContain('canned');
  });

  it('rejects a missing or wrong master key with 401 in the OpenAI error shape', async () => {
    await expect(
      gateway.client('wrong').chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 401,
      error: { type: 'authentication_error' },
    });
    const models = await fetch(`${gateway.url}/v1/models`);
    expect(models.status).toBe(401);
    expect(await models.json()).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } });
  });

  it('lists models in the OpenAI list shape, one entry per model group', async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o', 'balanced', 'claude', 'demo']));
    expect(ids.filter((id) => id === 'balanced')).toHaveLength(1);
    const legacy = await fetch(`${gateway.url}/models`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    expect(legacy.status).toBe(200);
  });

  it('retrieves one model by name (models.retrieve), 404 in the OpenAI shape for an unknown one', async () => {
    expect(await client.models.retrieve('gpt-4o')).toMatchObject({ id: 'gpt-4o', object: 'model' });
    await expect(client.models.retrieve('no-such-model')).rejects.toMatchObject({
      status: 404,
      error: { type: 'not_found_error' },
    });
    const raw = await fetch(`${gateway.url}/v1/models/gpt-4o`);
    expect(raw.status).toBe(401);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await postRaw(`${gateway.url}/v1/chat/completions`, '{"model": "demo", "messages": [', {
      authorization: `Bearer ${MASTER_KEY}`,
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('answers an invalid body with 400 naming the field', async () => {
    await expect(
      client.chat.completions.create({ model: 'demo', messages: [{ role: 42 as unknown as 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 400,
      error: { param: 'messages[0].role' },
    });
    await expect(client.chat.completions.create({ model: 'demo', messages: [] })).rejects.toMatchObject({
      status: 400,
      error: { param: 'messages' },
    });
  });

  it('answers an unknown model with 400 listing the known ones', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-5-ultra', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('gpt-4o');
    expect((error as Error).message).toContain('claude');
  });

  it('answers a body over the configured limit with 413', async () => {
    const huge = JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'x'.repeat(100_000) }] });
    const response = await postRaw(`${gateway.url}/v1/chat/completions`, huge, {
      authorization: `Bearer ${MASTER_KEY}`,
    });
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('passes an upstream 4xx through with its status and message', async () => {
    primary.enqueue({
      status: 404,
      errorBody: { error: { message: 'The model `gpt-4o-2024` does not exist', type: 'invalid_request_error' } },
    });
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('does not exist') as unknown,
    });
  });

  it("keeps an upstream 4xx's own type, param and code: clients branch on them", async () => {
    primary.enqueue({
      status: 400,
      errorBody: {
        error: {
          message: "This model's maximum context length is 128000 tokens.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      },
    });
    const error = (await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect({ code: error.code, param: error.param, type: error.type }).toEqual({
      code: 'context_length_exceeded',
      param: 'messages',
      type: 'invalid_request_error',
    });
  });

  it('does not retry an exhausted quota, and passes the 429 back with its rate-limit headers', async () => {
    primary.defaults = {
      status: 429,
      errorBody: {
        error: {
          message: 'You exceeded your current quota.',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
      headers: { 'retry-after': '20', 'x-ratelimit-remaining-requests': '0' },
    };
    const error = (await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, { maxRetries: 0 })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(429);
    expect({ code: error.code, type: error.type }).toEqual({ code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(error.headers?.get('retry-after')).toBe('20');
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(primary.chatRequests()).toHaveLength(1);
  });

  it('falls back at once when a model has exhausted its quota', async () => {
    secondary.defaults = {
      status: 429,
      errorBody: { error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
    };
    const completion = await client.chat.completions.create({
      model: 'flaky',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0].message.content).toBe('reply from backup');
    expect(secondary.chatRequests()).toHaveLength(1);
  });

  it('answers 400 for tool calls whose arguments are not a JSON string, before any guardrail or provider', async () => {
    for (const toolCalls of [
      [{ id: 't', type: 'function', function: { name: 'f', arguments: { q: 'x' } } }],
      { id: 't' },
      [null],
    ]) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude',
          messages: [
            { role: 'assistant', content: null, tool_calls: toolCalls },
            { role: 'user', content: 'go on' },
          ],
        }),
      });
      const body = (await response.json()) as { error: { param: string } };
      expect({ status: response.status, param: body.error.param }).toEqual({
        status: 400,
        param: expect.stringMatching(/^messages\[0\]\.tool_calls/) as unknown,
      });
    }
    expect(anthropic.requests).toHaveLength(0);
  });

  it("passes the upstream's rate-limit headers back with a successful answer, streamed or not", async () => {
    primary.defaults = { headers: { 'x-ratelimit-remaining-tokens': '149990', 'x-ratelimit-limit-tokens': '150000' } };
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('149990');
    const streamed = await client.chat.completions
      .create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    expect(streamed.response.headers.get('x-ratelimit-limit-tokens')).toBe('150000');
    for await (const _chunk of streamed.data) {
      // drain
    }
  });

  it('retries when the upstream drops the connection while sending its answer', async () => {
    primary.enqueue({ dropMidBody: true });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0].message.content).toBe('reply from primary');
    expect(primary.chatRequests()).toHaveLength(2);
  });

  it('answers 502 when the upstream is unreachable', async () => {
    await expect(
      client.chat.completions.create({ model: 'nowhere', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 502,
      error: { code: 'upstream_unreachable' },
    });
  });

  it('answers 504 when the upstream does not answer within the timeout, and aborts it', async () => {
    primary.defaults = { hang: true };
    const aborted = new Promise((resolve) => primary.once('aborted', resolve));
    await expect(
      client.chat.completions.create({ model: 'slow', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 504,
      error: { code: 'upstream_timeout' },
    });
    await aborted;
  });

  it('ends a stream that stalls for longer than the timeout with an error frame instead of hanging', async () => {
    primary.defaults = { holdAfterFirstChunk: true };
    const stream = await client.chat.completions.create({
      model: 'slow',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    let text = '';
    const reading = (async () => {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
      }
    })();
    await expect(reading).rejects.toThrow(/stalled/);
    expect(text).toBe('reply ');
    primary.release();
  });

  it('replays a whole JSON completion as chunks when the upstream cannot stream', async () => {
    primary.defaults = { noStreaming: true, content: 'no streaming here' };
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect({ text, finish }).toEqual({ text: 'no streaming here', finish: 'stop' });
  });

  it('balances a model group round robin across its deployments', async () => {
    for (let i = 0; i < 4; i += 1) {
      await client.chat.completions.create({ model: 'balanced', messages: [{ role: 'user', content: `n${i}` }] });
    }
    expect(primary.chatRequests()).toHaveLength(2);
    expect(secondary.chatRequests()).toHaveLength(2);
  });

  it('retries a 429 and then succeeds', async () => {
    secondary.enqueue({ status: 429 }, { status: 500 });
    const completion = await client.chat.completions.create({
      model: 'flaky',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0].message.content).toBe('reply from secondary');
    expect(secondary.chatRequests()).toHaveLength(3);
    expect(backup.chatRequests()).toHaveLength(0);
  });

  it('falls back to the next model when every attempt fails', async () => {
    secondary.defaults = { status: 500 };
    const completion = await client.chat.completions.create({
      model: 'flaky',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0].message.content).toBe('reply from backup');
    expect(secondary.chatRequests()).toHaveLength(3);
    expect(backup.chatRequests()).toHaveLength(1);
  });

  it('answers 502 when the model and its fallbacks all fail', async () => {
    secondary.defaults = { status: 500 };
    backup.defaults = { status: 503 };
    await expect(
      client.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 502 });
  });

  it('aborts the upstream request when the client disconnects mid-stream', async () => {
    primary.enqueue({ content: 'a b c d e', holdAfterFirstChunk: true });
    const aborted = new Promise((resolve) => primary.once('aborted', resolve));
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] },
      { signal: controller.signal },
    );
    const reading = (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta?.content) {
          controller.abort();
        }
      }
    })();
    await reading.catch(() => undefined);
    await aborted;
    expect(primary.aborted).toHaveLength(1);
  });

  it('ends a stream cleanly when the upstream resets mid-stream', async () => {
    primary.enqueue({ content: 'a b c d e', resetAfterChunks: 2 });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` },
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    expect(text).toContain('"error"');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('translates to and from the Anthropic Messages API', async () => {
    const completion = await client.chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(completion.choices[0].message.content).toBe('Bonjour from Claude');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    const sent = anthropic.requests[0];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.body).toMatchObject({
      model: 'claude-sonnet-4',
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      max_tokens: 4096,
    });
  });

  it('streams from Anthropic as OpenAI chunks', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('Bonjour from Claude');
    expect(finish).toBe('stop');
  });

  it('answers 400 naming a parameter the Anthropic API cannot honour, without calling it', async () => {
    await expect(
      client.chat.completions.create({ model: 'claude', n: 2, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 400, error: { param: 'n', type: 'invalid_request_error' } });
    expect(anthropic.requests).toHaveLength(0);
  });

  it('passes an Anthropic error through with its status and message', async () => {
    anthropic.failWith = { status: 400, type: 'invalid_request_error', message: 'prompt is too long' };
    await expect(
      client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('prompt is too long') as unknown,
    });
  });

  it('calls Azure deployments with api-version and the api-key header', async () => {
    await client.chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'x' }] });
    const [sent] = primary.chatRequests();
    expect(sent.path).toBe('/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21');
    expect(sent.headers['api-key']).toBe('az-key');
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('answers mock/ models offline, honouring mock_response in the body', async () => {
    const completion = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'x' }],
      // @ts-expect-error LiteLLM's mock_response extension
      mock_response: 'from the body',
    });
    expect(completion.choices[0].message.content).toBe('from the body');
  });

  it('returns x-request-id, echoing a valid one sent by the client', async () => {
    const response = await postRaw(
      `${gateway.url}/v1/chat/completions`,
      JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'x' }] }),
      {
        authorization: `Bearer ${MASTER_KEY}`,
        'x-request-id': 'req-123',
      },
    );
    expect(response.headers.get('x-request-id')).toBe('req-123');
  });
});
