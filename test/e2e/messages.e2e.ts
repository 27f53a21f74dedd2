import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { startAnthropicUpstream, type AnthropicUpstreamMock } from '../mocks/anthropic-upstream.mock';
import type { RecordedRequest } from '../mocks/mock-server';
import { startOpenAiUpstream, type OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import { postRaw, startGateway, type RunningGateway } from './gateway.harness';
import { newRequestId, violationsFor, withGuardrails } from './guardrails.harness';

const MASTER_KEY = 'sk-master-messages';
const EMAIL = 'jane.doe@example.com';
const MASKED = '[MASKED EMAIL_ADDRESS]';

/** `claude` is proxied natively to the Anthropic mock; `gpt` is translated through chat to the OpenAI mock. */
type Target = 'claude' | 'gpt';

type ApiError = InstanceType<typeof Anthropic.APIError>;

describe('POST /v1/messages (end to end, @anthropic-ai/sdk)', () => {
  let openai: OpenAiUpstreamMock;
  let anthropic: AnthropicUpstreamMock;
  let gateway: RunningGateway;
  let client: Anthropic;

  const upstreamCalls = (target: Target): RecordedRequest[] =>
    target === 'claude' ? anthropic.messageRequests() : openai.chatRequests();
  const answerWith = (target: Target, content: string): void => {
    if (target === 'claude') {
      anthropic.content = content;
    } else {
      openai.defaults = { content };
    }
  };

  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([startOpenAiUpstream('openai'), startAnthropicUpstream()]);
    gateway = await startGateway({
      general_settings: { master_key: MASTER_KEY },
      model_list: [
        {
          model_name: 'claude',
          litellm_params: { model: 'anthropic/claude-test', api_base: anthropic.url, api_key: 'sk-ant-test' },
        },
        {
          model_name: 'gpt',
          litellm_params: { model: 'openai/gpt-test', api_base: `${openai.url}/v1`, api_key: 'up' },
        },
        { model_name: 'mocky', litellm_params: { model: 'mock/m', mock_response: 'Hello from the mock model.' } },
      ],
      guardrails: [
        {
          guardrail_name: 'block-in',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['BLOCKME'] },
        },
        {
          guardrail_name: 'watch',
          litellm_params: {
            guardrail: 'banned_keywords',
            mode: 'pre_call',
            on_flagged: 'monitor',
            keywords: ['WATCHME'],
          },
        },
        {
          guardrail_name: 'pii-mask',
          litellm_params: {
            guardrail: 'pii',
            mode: ['pre_call', 'post_call'],
            pii_entities_config: { EMAIL_ADDRESS: 'MASK' },
          },
        },
      ],
    });
    client = new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0, timeout: 20_000 });
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([openai.close(), anthropic.close()]);
  });

  beforeEach(() => {
    openai.reset();
    anthropic.reset();
    anthropic.content = 'Bonjour from Claude';
  });

  function params(model: string, messages: MessageParam[], guardrails: string[] = []): MessageCreateParamsNonStreaming {
    return withGuardrails({ model, max_tokens: 256, messages }, guardrails);
  }

  function textOf(message: Message): string {
    return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  }

  /** The answer's text, from `messages.create` or from `messages.stream` (whose deltas must add up to its final message). */
  async function ask(
    model: string,
    stream: boolean,
    messages: MessageParam[],
    guardrails: string[],
    requestId: string,
  ): Promise<Message> {
    const options = { headers: { 'x-request-id': requestId } };
    if (!stream) {
      return client.messages.create(params(model, messages, guardrails), options);
    }
    const streamed = client.messages.stream(params(model, messages, guardrails), options);
    let deltas = '';
    streamed.on('text', (delta) => {
      deltas += delta;
    });
    const final = await streamed.finalMessage();
    expect(textOf(final)).toBe(deltas);
    return final;
  }

  async function failure(promise: Promise<unknown>): Promise<ApiError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    return error as ApiError;
  }

  describe.each<[Target, boolean]>([
    ['claude', false],
    ['claude', true],
    ['gpt', false],
    ['gpt', true],
  ])('on %s, stream %s', (target, stream) => {
    it('blocks a flagged request with a 400 in Anthropic’s envelope, without calling the upstream', async () => {
      const requestId = newRequestId('messages-block');
      const error = await failure(
        ask(target, stream, [{ role: 'user', content: 'Say BLOCKME' }], ['block-in'], requestId),
      );
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.status).toBe(400);
      expect(error.error).toMatchObject({
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'Violated content safety policy (guardrail block-in)',
          banned_keywords_response: expect.anything() as unknown,
        },
        request_id: requestId,
      });
      expect(upstreamCalls(target)).toHaveLength(0);
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'block-in', action: 'blocked', endpoint: 'messages' });
    });

    it('masks the input before the upstream and the answer before the client', async () => {
      const requestId = newRequestId('messages-mask');
      answerWith(target, `Contact ${EMAIL} for details.`);
      const message = await ask(
        target,
        stream,
        [{ role: 'user', content: [{ type: 'text', text: `Write to ${EMAIL} please` }] }],
        ['pii-mask'],
        requestId,
      );
      expect(textOf(message)).toBe(`Contact ${MASKED} for details.`);
      const [sent] = upstreamCalls(target);
      expect(sent.rawBody).toContain(`Write to ${MASKED} please`);
      expect(sent.rawBody).not.toContain(EMAIL);
      const violations = await violationsFor(gateway.app, requestId);
      expect(violations.map((v) => [v.mode, v.action, v.endpoint])).toEqual(
        expect.arrayContaining([
          ['pre_call', 'masked', 'messages'],
          ['post_call', 'masked', 'messages'],
        ]),
      );
    });

    it('lets a flagged request through under monitor and records it', async () => {
      const requestId = newRequestId('messages-monitor');
      answerWith(target, 'Noted.');
      const message = await ask(target, stream, [{ role: 'user', content: 'WATCHME please' }], ['watch'], requestId);
      expect(textOf(message)).toBe('Noted.');
      expect(upstreamCalls(target)[0].rawBody).toContain('WATCHME');
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'watch', action: 'monitored', endpoint: 'messages' });
    });

    it('passes a clean request and records nothing', async () => {
      const requestId = newRequestId('messages-clean');
      answerWith(target, 'Paris.');
      const message = await ask(
        target,
        stream,
        [{ role: 'user', content: 'Capital of France?' }],
        ['block-in', 'watch', 'pii-mask'],
        requestId,
      );
      expect(textOf(message)).toBe('Paris.');
      expect(message.stop_reason).toBe('end_turn');
      expect(upstreamCalls(target)).toHaveLength(1);
      expect(await violationsFor(gateway.app, requestId)).toHaveLength(0);
    });

    it('masks a tool_result and a tool_use input in the history, and the tool call the model answers', async () => {
      if (target === 'claude') {
        anthropic.content = '';
        anthropic.toolUse = { id: 'toolu_9', name: 'send_mail', input: { to: EMAIL, body: 'hi' } };
      } else {
        openai.defaults = { toolCall: { name: 'send_mail', arguments: JSON.stringify({ to: EMAIL, body: 'hi' }) } };
      }
      const message = await ask(
        target,
        stream,
        [
          { role: 'user', content: 'Find Jane' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { who: EMAIL } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: `Found ${EMAIL}` }] },
        ],
        ['pii-mask'],
        newRequestId('messages-tools'),
      );
      const toolUse = message.content.find((block) => block.type === 'tool_use');
      expect(toolUse).toMatchObject({ type: 'tool_use', name: 'send_mail', input: { to: MASKED, body: 'hi' } });
      expect(message.stop_reason).toBe('tool_use');
      const [sent] = upstreamCalls(target);
      expect(sent.rawBody).not.toContain(EMAIL);
      expect(sent.rawBody).toContain(`Found ${MASKED}`);
      if (target === 'claude') {
        const body = sent.body as { messages: Array<{ content: unknown }> };
        expect(body.messages[1].content).toEqual([
          { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { who: MASKED } },
        ]);
      } else {
        const body = sent.body as { messages: Array<Record<string, unknown>> };
        expect(body.messages[2]).toEqual({ role: 'tool', tool_call_id: 'toolu_1', content: `Found ${MASKED}` });
      }
    });
  });

  it('sends a native model the client’s body less Warden’s fields, with its anthropic-version and anthropic-beta', async () => {
    await client.messages.create(
      withGuardrails(
        {
          model: 'claude',
          max_tokens: 64,
          system: 'Be terse.',
          messages: [{ role: 'user' as const, content: 'hi' }],
          metadata: { user_id: 'u1', guardrails: ['watch'] } as unknown as { user_id: string },
          top_k: 5,
        },
        ['watch'],
      ),
      { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
    );
    const [sent] = anthropic.messageRequests();
    expect(sent.body).toEqual({
      model: 'claude-test',
      max_tokens: 64,
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'hi' }],
      metadata: { user_id: 'u1' },
      top_k: 5,
    });
    expect(sent.headers['anthropic-version']).toBe('2026-10-21');
    expect(sent.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(sent.headers['x-api-key']).toBe('sk-ant-test');
    expect(sent.rawBody).not.toContain(MASTER_KEY);
  });

  it('answers a mock/ model through chat completions, JSON and with messages.stream', async () => {
    const message = await client.messages.create(params('mocky', [{ role: 'user', content: 'hi' }]));
    expect(message).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    expect(textOf(message)).toBe('Hello from the mock model.');
    const stream = client.messages.stream(params('mocky', [{ role: 'user', content: 'hi' }]));
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    const final = await stream.finalMessage();
    expect(textOf(final)).toBe('Hello from the mock model.');
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
  });

  it('blocks when a post_call mask would have to rewrite the model’s thinking (its signature would break)', async () => {
    anthropic.thinking = `The user is ${EMAIL}`;
    anthropic.content = 'Done.';
    const error = await failure(
      client.messages.create(params('claude', [{ role: 'user', content: 'hello' }], ['pii-mask'])),
    );
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ error: { message: 'Violated content safety policy (guardrail pii-mask)' } });
  });

  it('passes clean thinking through with its signature', async () => {
    anthropic.thinking = 'Simple question.';
    const message = await client.messages.create(params('claude', [{ role: 'user', content: 'hi' }], ['pii-mask']));
    expect(message.content[0]).toEqual({ type: 'thinking', thinking: 'Simple question.', signature: 'sig_mock' });
  });

  it('refuses what a translated model cannot do with a 400 naming the field and the model', async () => {
    const error = await failure(
      client.messages.create({
        ...params('gpt', [{ role: 'user', content: 'hi' }]),
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      }),
    );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', param: 'tools.0.type' },
    });
    expect(error.message).toContain('"gpt"');
    expect(openai.requests).toHaveLength(0);
  });

  it('passes an upstream 4xx back in Anthropic’s envelope', async () => {
    anthropic.failWith = { status: 400, type: 'invalid_request_error', message: 'prompt is too long' };
    const error = await failure(client.messages.create(params('claude', [{ role: 'user', content: 'hi' }])));
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long' },
    });
  });

  it('ends a native stream that fails midway with an error event the SDK throws on', async () => {
    anthropic.content = 'one two three four';
    anthropic.errorMidStream = { type: 'overloaded_error', message: 'Overloaded' };
    const stream = await client.messages.create({
      ...params('claude', [{ role: 'user', content: 'hi' }]),
      stream: true,
    });
    const error = await failure(
      (async () => {
        for await (const _event of stream) {
          // drain
        }
      })(),
    );
    expect(error).not.toBeInstanceOf(Anthropic.APIConnectionError);
    expect(error.message).toContain('Overloaded');
  });

  it('writes every event with its event: name, ends at message_stop and sends no [DONE]', async () => {
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': MASTER_KEY },
      body: JSON.stringify({
        model: 'mocky',
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const frames = (await response.text()).trimEnd().split('\n\n');
    for (const frame of frames) {
      const [eventLine, dataLine] = frame.split('\n');
      const data = JSON.parse(dataLine.replace(/^data: /, '')) as { type: string };
      expect(eventLine).toBe(`event: ${data.type}`);
    }
    expect(frames[0]).toMatch(/^event: message_start\n/);
    expect(frames.at(-1)).toMatch(/^event: message_stop\n/);
    expect(frames.join('')).not.toContain('[DONE]');
  });

  it('accepts the key as x-api-key and refuses a wrong key in Anthropic’s envelope', async () => {
    const body = JSON.stringify({ model: 'mocky', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const ok = await postRaw(`${gateway.url}/v1/messages`, body, { 'x-api-key': MASTER_KEY });
    expect(ok.status).toBe(200);
    const refused = await postRaw(`${gateway.url}/v1/messages`, body, { 'x-api-key': 'wrong' });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('answers 400 naming the field on a malformed body, also without the /v1 prefix', async () => {
    const { status, json } = await postRaw(
      `${gateway.url}/messages`,
      JSON.stringify({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }),
      { 'x-api-key': MASTER_KEY, 'x-request-id': 'req-malformed' },
    );
    expect(status).toBe(400);
    expect(json).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('max_tokens') as unknown,
        param: 'max_tokens',
      },
      request_id: 'req-malformed',
    });
  });
});
