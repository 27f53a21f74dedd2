import OpenAI from 'openai';
import { startAnthropicUpstream, type AnthropicUpstreamMock } from '../mocks/anthropic-upstream.mock';
import { startOpenAiUpstream, type OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import type { RecordedRequest } from '../mocks/mock-server';
import { startGateway, type RunningGateway } from './gateway.harness';
import { newRequestId, violationsFor, withGuardrails } from './guardrails.harness';

const EMAIL = 'jane.doe@example.com';
const MOCK_ANSWER = 'Hello from the mock model.';

const GUARDRAILS = [
  {
    guardrail_name: 'block-kw',
    litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['BLOCKME'] },
  },
  {
    guardrail_name: 'watch-kw',
    litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', on_flagged: 'monitor', keywords: ['WATCHME'] },
  },
  {
    guardrail_name: 'mask-pii',
    litellm_params: { guardrail: 'pii', mode: 'pre_call', pii_entities_config: { EMAIL_ADDRESS: 'MASK' } },
  },
  {
    guardrail_name: 'post-block',
    litellm_params: { guardrail: 'banned_keywords', mode: 'post_call', keywords: ['BADANSWER'] },
  },
  {
    guardrail_name: 'post-mask',
    litellm_params: { guardrail: 'pii', mode: 'post_call', pii_entities_config: { EMAIL_ADDRESS: 'MASK' } },
  },
];

describe('/v1/completions and /v1/embeddings (end to end, openai SDK)', () => {
  let upstream: OpenAiUpstreamMock;
  let anthropic: AnthropicUpstreamMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    [upstream, anthropic] = await Promise.all([startOpenAiUpstream('upstream'), startAnthropicUpstream()]);
    const openai = (model: string): Record<string, unknown> => ({
      model: `openai/${model}`,
      api_base: `${upstream.url}/v1`,
      api_key: 'up',
    });
    gateway = await startGateway({
      model_list: [
        { model_name: 'instruct', litellm_params: openai('gpt-3.5-turbo-instruct') },
        { model_name: 'embed', litellm_params: openai('text-embedding-3-small') },
        { model_name: 'mock-chat', litellm_params: { model: 'mock/chat', mock_response: MOCK_ANSWER } },
        { model_name: 'mock-embed', litellm_params: { model: 'mock/embed' } },
        {
          model_name: 'claude',
          litellm_params: { model: 'anthropic/claude-test', api_base: anthropic.url, api_key: anthropic.apiKey },
        },
      ],
      guardrails: GUARDRAILS,
    });
    client = gateway.client();
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([upstream.close(), anthropic.close()]);
  });

  beforeEach(() => {
    upstream.reset();
    anthropic.reset();
  });

  const legacyCalls = (route: 'completions' | 'embeddings'): RecordedRequest[] =>
    upstream.requests.filter((r) => r.path.endsWith(`/${route}`) && !r.path.endsWith('/chat/completions'));
  const headersFor = (requestId: string): { headers: Record<string, string> } => ({
    headers: { 'x-request-id': requestId },
  });

  async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    return error as InstanceType<typeof OpenAI.APIError>;
  }

  async function streamedText(stream: AsyncIterable<OpenAI.Completions.Completion>): Promise<string> {
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices.map((choice) => choice.text).join('');
    }
    return text;
  }

  describe.each([
    ['openai/ (native)', 'instruct', 'reply from upstream'],
    ['mock/ (through chat)', 'mock-chat', MOCK_ANSWER],
  ])('completions on %s', (_label, model, answer) => {
    const native = model === 'instruct';

    it('answers a clean request as a text_completion, JSON and streamed', async () => {
      const requestId = newRequestId('cmpl-clean');
      const completion = await client.completions.create(
        withGuardrails({ model, prompt: 'Say hello', max_tokens: 5 }, ['block-kw']),
        headersFor(requestId),
      );
      expect(completion.object).toBe('text_completion');
      expect(completion.choices[0].text).toBe(answer);
      const stream = await client.completions.create(
        withGuardrails({ model, prompt: 'Say hello', stream: true as const }, ['block-kw']),
      );
      expect(await streamedText(stream)).toBe(answer);
      expect(await violationsFor(gateway.app, requestId)).toHaveLength(0);
      if (native) {
        expect(legacyCalls('completions').map((r) => (r.body as { prompt: string }).prompt)).toEqual([
          'Say hello',
          'Say hello',
        ]);
        expect((legacyCalls('completions')[0].body as Record<string, unknown>).guardrails).toBeUndefined();
      }
    });

    it('blocks a flagged prompt with 400 before the upstream, JSON and streamed, and records it', async () => {
      const requestId = newRequestId('cmpl-block');
      const error = await rejection(
        client.completions.create(
          withGuardrails({ model, prompt: 'please BLOCKME now' }, ['block-kw']),
          headersFor(requestId),
        ),
      );
      expect(error.status).toBe(400);
      expect(error.error).toMatchObject({ type: 'None', code: '400' });
      const streamed = await rejection(
        client.completions.create(
          withGuardrails({ model, prompt: 'please BLOCKME now', stream: true as const }, ['block-kw']),
        ),
      );
      expect(streamed.status).toBe(400);
      expect(upstream.requests).toHaveLength(0);
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'block-kw', action: 'blocked', endpoint: 'completions' });
    });

    it('masks the prompt before the upstream and records the mask', async () => {
      const requestId = newRequestId('cmpl-mask');
      const completion = await client.completions.create(
        withGuardrails({ model, prompt: `Write to ${EMAIL}` }, ['mask-pii']),
        headersFor(requestId),
      );
      expect(completion.choices[0].text).toBe(answer);
      if (native) {
        const sent = (legacyCalls('completions')[0].body as { prompt: string }).prompt;
        expect(sent).not.toContain(EMAIL);
        expect(sent).toMatch(/^Write to /);
      }
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'mask-pii', action: 'masked', endpoint: 'completions' });
    });

    it('lets a flagged prompt through under monitor, unchanged, and records it', async () => {
      const requestId = newRequestId('cmpl-monitor');
      const completion = await client.completions.create(
        withGuardrails({ model, prompt: 'WATCHME please' }, ['watch-kw']),
        headersFor(requestId),
      );
      expect(completion.choices[0].text).toBe(answer);
      if (native) {
        expect((legacyCalls('completions')[0].body as { prompt: string }).prompt).toBe('WATCHME please');
      }
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'watch-kw', action: 'monitored', endpoint: 'completions' });
    });

    it('masks the generated text after the call, JSON and streamed', async () => {
      upstream.defaults = { content: `Mail ${EMAIL} today` };
      const params = { model, prompt: 'Who do I mail?', mock_response: `Mail ${EMAIL} today` };
      const completion = await client.completions.create(withGuardrails(params, ['post-mask']));
      expect(completion.choices[0].text).not.toContain(EMAIL);
      expect(completion.choices[0].text).toMatch(/^Mail .+ today$/);
      const stream = await client.completions.create(
        withGuardrails({ ...params, stream: true as const }, ['post-mask']),
      );
      const text = await streamedText(stream);
      expect(text).not.toContain(EMAIL);
      expect(text).toMatch(/^Mail .+ today$/);
    });

    it('blocks a flagged answer: a held stream answers a plain 400', async () => {
      upstream.defaults = { content: 'a BADANSWER indeed' };
      const params = { model, prompt: 'Tell me', mock_response: 'a BADANSWER indeed', stream: true as const };
      const error = await rejection(client.completions.create(withGuardrails(params, ['post-block'])));
      expect(error.status).toBe(400);
    });

    it('answers 400 naming prompt to token ids when a guardrail applies', async () => {
      const error = await rejection(
        client.completions.create(withGuardrails({ model, prompt: [1, 2, 3] }, ['block-kw'])),
      );
      expect(error).toMatchObject({ status: 400, param: 'prompt' });
      expect(error.message).toContain('block-kw');
      expect(upstream.requests).toHaveLength(0);
    });
  });

  describe('completions specifics', () => {
    it('passes token ids on natively when no guardrail applies', async () => {
      const completion = await client.completions.create({ model: 'instruct', prompt: [1, 2, 3] });
      expect(completion.choices[0].text).toBe('reply from upstream');
      expect((legacyCalls('completions')[0].body as { prompt: unknown }).prompt).toEqual([1, 2, 3]);
    });

    it('refuses what chat completions cannot translate, naming the field and the model', async () => {
      const cases: Array<[Omit<OpenAI.Completions.CompletionCreateParamsNonStreaming, 'model'>, string]> = [
        [{ prompt: [1, 2, 3] }, 'prompt'],
        [{ prompt: ['a', 'b'] }, 'prompt'],
        [{ prompt: 'a', suffix: 'b' }, 'suffix'],
        [{ prompt: 'a', echo: true }, 'echo'],
      ];
      for (const [params, param] of cases) {
        const error = await rejection(client.completions.create({ model: 'mock-chat', ...params }));
        expect(error).toMatchObject({ status: 400, param });
        expect(error.message).toContain('mock-chat');
      }
    });

    it('with echo, guards only the generated text and keeps the echoed prompt', async () => {
      upstream.defaults = { content: ` write to ${EMAIL}` };
      const completion = await client.completions.create(
        withGuardrails({ model: 'instruct', prompt: 'Q: contact?', echo: true }, ['post-mask']),
      );
      expect(completion.choices[0].text).toMatch(/^Q: contact\? write to /);
      expect(completion.choices[0].text).not.toContain(EMAIL);
    });

    it('ends a stream the upstream drops midway with an error event the SDK throws on', async () => {
      upstream.defaults = { content: 'one two three four', resetAfterChunks: 2 };
      const stream = await client.completions.create({ model: 'instruct', prompt: 'Count', stream: true });
      const error = await rejection(streamedText(stream));
      expect(error.message).toMatch(/upstream/);
    });

    it('serves anthropic/ models through chat completions, JSON and streamed', async () => {
      const completion = await client.completions.create({ model: 'claude', prompt: 'Say bonjour', max_tokens: 20 });
      expect(completion).toMatchObject({ object: 'text_completion', choices: [{ text: anthropic.content }] });
      const stream = await client.completions.create({ model: 'claude', prompt: 'Say bonjour', stream: true });
      expect(await streamedText(stream)).toBe(anthropic.content);
      expect(JSON.stringify(anthropic.requests[0].body)).toContain('Say bonjour');
    });
  });

  describe.each([
    ['openai/ (native)', 'embed'],
    ['mock/ (native)', 'mock-embed'],
  ])('embeddings on %s', (_label, model) => {
    const native = model === 'embed';

    it('answers a clean request in the SDK default base64, decoded by the SDK, and in float', async () => {
      const requestId = newRequestId('emb-clean');
      const decoded = await client.embeddings.create(
        withGuardrails({ model, input: ['one', 'three'], dimensions: 4 }, ['block-kw']),
        headersFor(requestId),
      );
      expect(decoded.data.map((item) => item.embedding.length)).toEqual([4, 4]);
      const floats = await client.embeddings.create(
        withGuardrails({ model, input: ['one', 'three'], dimensions: 4, encoding_format: 'float' as const }, [
          'block-kw',
        ]),
      );
      expect(decoded.data.map((item) => item.embedding)).toEqual(floats.data.map((item) => item.embedding));
      if (native) {
        expect(floats.data[1].embedding[0]).toBe('three'.length);
        expect(legacyCalls('embeddings').map((r) => (r.body as { encoding_format: string }).encoding_format)).toEqual([
          'base64',
          'float',
        ]);
      }
      expect(await violationsFor(gateway.app, requestId)).toHaveLength(0);
    });

    it('blocks a flagged input with 400 before the upstream, and records it', async () => {
      const requestId = newRequestId('emb-block');
      const error = await rejection(
        client.embeddings.create(
          withGuardrails({ model, input: ['fine', 'BLOCKME'] }, ['block-kw']),
          headersFor(requestId),
        ),
      );
      expect(error).toMatchObject({ status: 400, code: '400' });
      expect(upstream.requests).toHaveLength(0);
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'block-kw', action: 'blocked', endpoint: 'embeddings' });
    });

    it('embeds the masked text when a mask applies', async () => {
      const requestId = newRequestId('emb-mask');
      const masked = await client.embeddings.create(
        withGuardrails({ model, input: `Write to ${EMAIL}`, dimensions: 8 }, ['mask-pii']),
        headersFor(requestId),
      );
      const original = await client.embeddings.create({ model, input: `Write to ${EMAIL}`, dimensions: 8 });
      expect(masked.data[0].embedding).not.toEqual(original.data[0].embedding);
      if (native) {
        const sent = (legacyCalls('embeddings')[0].body as { input: string }).input;
        expect(sent).toMatch(/^Write to /);
        expect(sent).not.toContain(EMAIL);
      }
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'mask-pii', action: 'masked', endpoint: 'embeddings' });
    });

    it('lets a flagged input through under monitor and records it', async () => {
      const requestId = newRequestId('emb-monitor');
      const answer = await client.embeddings.create(
        withGuardrails({ model, input: 'WATCHME', dimensions: 2 }, ['watch-kw']),
        headersFor(requestId),
      );
      expect(answer.data).toHaveLength(1);
      const [violation] = await violationsFor(gateway.app, requestId);
      expect(violation).toMatchObject({ guardrailName: 'watch-kw', action: 'monitored', endpoint: 'embeddings' });
    });

    it('answers 400 naming input to token ids when a guardrail applies, and passes them when none does', async () => {
      const error = await rejection(
        client.embeddings.create(withGuardrails({ model, input: [[1, 2], [3]] }, ['watch-kw'])),
      );
      expect(error).toMatchObject({ status: 400, param: 'input' });
      expect(upstream.requests).toHaveLength(0);
      const answer = await client.embeddings.create({ model, input: [[1, 2], [3]], dimensions: 2 });
      expect(answer.data).toHaveLength(2);
    });
  });

  it('answers 400 to embeddings on a model whose provider has none (anthropic/)', async () => {
    const error = await rejection(client.embeddings.create({ model: 'claude', input: 'hi' }));
    expect(error).toMatchObject({ status: 400, param: 'model' });
    expect(error.message).toContain('/v1/embeddings');
    expect(anthropic.requests).toHaveLength(0);
  });

  it('answers 400 to a streamed embeddings request', async () => {
    const response = await fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: 'embed', input: 'x', stream: true }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'stream', type: 'invalid_request_error' } });
  });
});
