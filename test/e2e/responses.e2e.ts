import OpenAI from 'openai';
import type {
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { startAnthropicUpstream, type AnthropicUpstreamMock } from '../mocks/anthropic-upstream.mock';
import type { RecordedRequest } from '../mocks/mock-server';
import { startOpenAiUpstream, type OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import { postRaw, startGateway, type RunningGateway } from './gateway.harness';
import { newRequestId, violationsFor, withGuardrails } from './guardrails.harness';

const EMAIL = 'jane.doe@example.com';
const MASKED = '[MASKED EMAIL_ADDRESS]';

type Target = 'native' | 'translated';

describe('POST /v1/responses (end to end, openai SDK)', () => {
  let openai: OpenAiUpstreamMock;
  let anthropic: AnthropicUpstreamMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  /** `gpt` is proxied natively to the OpenAI mock; `claude` is translated through chat to the Anthropic mock. */
  const model = (target: Target): string => (target === 'native' ? 'gpt' : 'claude');
  const upstreamCalls = (target: Target): RecordedRequest[] =>
    target === 'native' ? openai.requests.filter((r) => r.path === '/v1/responses') : anthropic.requests;
  const answerWith = (target: Target, content: string): void => {
    if (target === 'native') {
      openai.defaults = { content };
    } else {
      anthropic.content = content;
    }
  };

  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([startOpenAiUpstream('openai'), startAnthropicUpstream()]);
    gateway = await startGateway({
      model_list: [
        {
          model_name: 'gpt',
          litellm_params: { model: 'openai/gpt-test', api_base: `${openai.url}/v1`, api_key: 'up' },
        },
        {
          model_name: 'claude',
          litellm_params: { model: 'anthropic/claude-test', api_base: anthropic.url, api_key: 'sk-ant-test' },
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
    client = gateway.client();
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

  function params(target: Target, input: ResponseCreateParamsNonStreaming['input'], guardrails: string[]) {
    return withGuardrails({ model: model(target), input, store: false }, guardrails);
  }

  /** The whole answer text, read from the JSON Response or from a stream's events (checked for sequence numbers). */
  async function ask(
    target: Target,
    stream: boolean,
    input: ResponseCreateParamsNonStreaming['input'],
    guardrails: string[],
    requestId: string,
  ): Promise<string> {
    const options = { headers: { 'x-request-id': requestId } };
    if (!stream) {
      const response: Response = await client.responses.create(params(target, input, guardrails), options);
      expect(response.status).toBe('completed');
      return response.output_text;
    }
    const events: ResponseStreamEvent[] = [];
    const streamed = await client.responses.create({ ...params(target, input, guardrails), stream: true }, options);
    let deltas = '';
    for await (const event of streamed) {
      events.push(event);
      if (event.type === 'response.output_text.delta') {
        deltas += event.delta;
      }
    }
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    const last = events.at(-1);
    expect(last?.type).toBe('response.completed');
    const final = last?.type === 'response.completed' ? last.response : undefined;
    const finalText = (final?.output ?? [])
      .flatMap((item) => (item.type === 'message' ? item.content : []))
      .map((part) => (part.type === 'output_text' ? part.text : ''))
      .join('');
    expect(finalText).toBe(deltas);
    return deltas;
  }

  describe.each<[Target, boolean]>([
    ['native', false],
    ['native', true],
    ['translated', false],
    ['translated', true],
  ])('on a %s model, stream %s', (target, stream) => {
    it('blocks a flagged request with the chat block body, without calling the upstream', async () => {
      const requestId = newRequestId('responses-block');
      const error = await ask(target, stream, 'Say BLOCKME now', ['block-in'], requestId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
        message: { error: 'Violated content safety policy' },
        type: 'None',
        code: '400',
      });
      expect(upstreamCalls(target)).toHaveLength(0);
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'block-in', action: 'blocked', endpoint: 'responses' });
    });

    it('masks the input before the upstream and the answer before the client', async () => {
      const requestId = newRequestId('responses-mask');
      answerWith(target, `Contact ${EMAIL} for details.`);
      const text = await ask(
        target,
        stream,
        [{ role: 'user', content: [{ type: 'input_text', text: `Write to ${EMAIL} please` }] }],
        ['pii-mask'],
        requestId,
      );
      expect(text).toBe(`Contact ${MASKED} for details.`);
      const [sent] = upstreamCalls(target);
      expect(sent.rawBody).toContain(`Write to ${MASKED} please`);
      expect(sent.rawBody).not.toContain(EMAIL);
      const violations = await violationsFor(gateway.app, requestId);
      expect(violations.map((v) => [v.mode, v.action])).toEqual(
        expect.arrayContaining([
          ['pre_call', 'masked'],
          ['post_call', 'masked'],
        ]),
      );
    });

    it('lets a flagged request through under monitor and records it', async () => {
      const requestId = newRequestId('responses-monitor');
      answerWith(target, 'Noted.');
      expect(await ask(target, stream, 'WATCHME please', ['watch'], requestId)).toBe('Noted.');
      expect(upstreamCalls(target)[0].rawBody).toContain('WATCHME');
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'watch', action: 'monitored', endpoint: 'responses' });
    });

    it('passes a clean request and records nothing', async () => {
      const requestId = newRequestId('responses-clean');
      answerWith(target, 'Paris.');
      const text = await ask(target, stream, 'Capital of France?', ['block-in', 'watch', 'pii-mask'], requestId);
      expect(text).toBe('Paris.');
      expect(upstreamCalls(target)).toHaveLength(1);
      expect(await violationsFor(gateway.app, requestId)).toHaveLength(0);
    });
  });

  it('sends a native model the client’s body, less Warden’s fields', async () => {
    await client.responses.create(
      withGuardrails(
        {
          model: 'gpt',
          input: 'hi',
          previous_response_id: 'resp_prev',
          metadata: { team: 'a', guardrails: ['watch'] } as unknown as Record<string, string>,
          reasoning: { effort: 'low' as const },
        },
        ['watch'],
      ),
    );
    expect(openai.requests[0].body).toEqual({
      model: 'gpt-test',
      input: 'hi',
      previous_response_id: 'resp_prev',
      metadata: { team: 'a' },
      reasoning: { effort: 'low' },
    });
  });

  it('answers a mock/ model through chat completions, JSON and streamed with responses.stream', async () => {
    const response = await client.responses.create({ model: 'mocky', input: 'hi' });
    expect(response.output_text).toBe('Hello from the mock model.');
    const stream = client.responses.stream({ model: 'mocky', input: 'hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Hello from the mock model.');
    expect(deltas.join('')).toBe('Hello from the mock model.');
  });

  it('refuses what a translated model cannot do with a 400 naming the field and the model', async () => {
    const error = await client.responses
      .create({ model: 'claude', input: 'hi', previous_response_id: 'resp_1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(apiError.param).toBe('previous_response_id');
    expect(apiError.message).toContain('"claude"');
    expect(anthropic.requests).toHaveLength(0);
  });

  it('masks a function_call_output before a native upstream, and a function call answer before the client', async () => {
    openai.defaults = { toolCall: { name: 'send', arguments: `{"to":"${EMAIL}"}` } };
    const response = await client.responses.create(
      withGuardrails(
        {
          model: 'gpt',
          input: [
            { type: 'function_call' as const, call_id: 'call_1', name: 'lookup', arguments: '{}' },
            { type: 'function_call_output' as const, call_id: 'call_1', output: `Found ${EMAIL}` },
          ],
        },
        ['pii-mask'],
      ),
    );
    expect(openai.requests[0].rawBody).toContain(`Found ${MASKED}`);
    expect(openai.requests[0].rawBody).not.toContain(EMAIL);
    expect(response.output[0]).toMatchObject({ type: 'function_call', arguments: `{"to":"${MASKED}"}` });
    expect(JSON.stringify(response)).not.toContain(EMAIL);
  });

  it('ends a native stream that fails midway with an error event the SDK throws on', async () => {
    openai.defaults = { content: 'one two three four five', resetAfterChunks: 4 };
    const stream = await client.responses.create({ model: 'gpt', input: 'hi', stream: true });
    const error = await (async () => {
      for await (const _event of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).not.toBeInstanceOf(OpenAI.APIConnectionError);
    expect((error as Error).message).toMatch(/upstream/);
  });

  it('writes event: lines and no [DONE] on the wire', async () => {
    const response = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: 'mocky', input: 'hi', stream: true }),
    });
    const text = await response.text();
    expect(text.startsWith('event: response.created\ndata: {')).toBe(true);
    expect(text.trimEnd().split('\n\n').at(-1)).toMatch(/^event: response\.completed\ndata: /);
    expect(text).not.toContain('[DONE]');
  });

  it('answers 400 naming the param on a malformed body', async () => {
    const { status, json } = await postRaw(
      `${gateway.url}/v1/responses`,
      JSON.stringify({ model: 'gpt', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }] }),
      { authorization: 'Bearer sk-test' },
    );
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { param: 'input[0].arguments', type: 'invalid_request_error' } });
  });
});
