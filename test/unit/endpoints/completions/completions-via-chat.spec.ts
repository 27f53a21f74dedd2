import type { ModelDeployment } from '../../../../src/config/config.schema';
import { WardenError } from '../../../../src/common/warden.error';
import { parseCompletionsRequest } from '../../../../src/endpoints/completions/completions-request';
import {
  chatAnswerAsCompletions,
  chatChunksAsText,
  chatCompletionAsText,
  completionsChatBody,
} from '../../../../src/endpoints/completions/completions-via-chat';
import { UpstreamError } from '../../../../src/models/providers/llm-provider.interface';

const deployment: ModelDeployment = {
  id: 'claude#0',
  modelName: 'claude',
  provider: 'anthropic',
  upstreamModel: 'claude-sonnet-4-5',
  extraHeaders: {},
};

const request = (body: Record<string, unknown>): ReturnType<typeof parseCompletionsRequest> =>
  parseCompletionsRequest({ model: 'claude', prompt: 'Say hi', ...body });

async function collect(events: AsyncIterable<string>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const event of events) {
    out.push(JSON.parse(event));
  }
  return out;
}

async function* from(events: unknown[]): AsyncGenerator<string> {
  for (const event of events) {
    yield await Promise.resolve(typeof event === 'string' ? event : JSON.stringify(event));
  }
}

describe(completionsChatBody.name, () => {
  it('sends the prompt as one user message with the shared parameters, without completions-only fields', () => {
    const body = completionsChatBody(
      request({ max_tokens: 5, temperature: 0, stop: ['\n'], stream: true, echo: false, best_of: 1, user: 'u' }),
      deployment,
    );
    expect(body).toEqual({
      model: 'claude',
      messages: [{ role: 'user', content: 'Say hi' }],
      max_tokens: 5,
      temperature: 0,
      stop: ['\n'],
      stream: true,
      user: 'u',
    });
  });

  it('accepts a list holding one prompt', () => {
    const body = completionsChatBody(request({ prompt: ['only one'] }), deployment);
    expect(body.messages).toEqual([{ role: 'user', content: 'only one' }]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['token ids', { prompt: [1, 2] }, 'prompt'],
    ['a list of several prompts', { prompt: ['a', 'b'] }, 'prompt'],
    ['a suffix', { suffix: 'after' }, 'suffix'],
    ['echo', { echo: true }, 'echo'],
    ['best_of above 1', { best_of: 2 }, 'best_of'],
    ['logprobs', { logprobs: 0 }, 'logprobs'],
  ])('answers 400 to %s, naming the field and the model', (_case, body, param) => {
    let thrown: unknown;
    try {
      completionsChatBody(request(body), deployment);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WardenError);
    expect((thrown as WardenError).options.param).toBe(param);
    expect((thrown as WardenError).message).toContain('model claude (anthropic/)');
    expect((thrown as WardenError).message).toContain(param);
  });
});

describe(chatCompletionAsText.name, () => {
  it('turns each choice message into text, and the completion into a text_completion', () => {
    const completion = chatCompletionAsText({
      id: 'chatcmpl-abc',
      object: 'chat.completion',
      created: 1,
      model: 'claude-sonnet-4-5',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop', logprobs: null },
        { index: 1, message: { role: 'assistant', content: null, refusal: 'No.' }, finish_reason: 'length' },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(completion).toEqual({
      id: 'cmpl-abc',
      object: 'text_completion',
      created: 1,
      model: 'claude-sonnet-4-5',
      choices: [
        { index: 0, text: 'Hi!', logprobs: null, finish_reason: 'stop' },
        { index: 1, text: 'No.', logprobs: null, finish_reason: 'length' },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it('reads text parts and survives a completion without choices', () => {
    const parts = {
      role: 'assistant',
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    };
    expect(chatCompletionAsText({ choices: [{ message: parts }] }).choices).toEqual([
      { index: 0, text: 'ab', logprobs: null, finish_reason: null },
    ]);
    expect(chatCompletionAsText({}).choices).toEqual([]);
  });
});

describe(chatChunksAsText.name, () => {
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 7,
    model: 'mock-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });

  it('turns text deltas into text_completion chunks and puts usage last, in a chunk without choices', async () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    const events = await collect(
      chatChunksAsText(
        from([
          chunk({ role: 'assistant', content: '' }, null),
          chunk({ content: 'Hel' }, null),
          chunk({ content: 'lo' }, null),
          chunk({}, 'stop', { usage }),
        ]),
      ),
    );
    const head = { id: 'cmpl-1', object: 'text_completion', created: 7, model: 'mock-model' };
    expect(events).toEqual([
      { ...head, choices: [{ index: 0, text: 'Hel', logprobs: null, finish_reason: null }] },
      { ...head, choices: [{ index: 0, text: 'lo', logprobs: null, finish_reason: null }] },
      { ...head, choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'stop' }] },
      { ...head, choices: [], usage },
    ]);
  });

  it('fails the stream on an event that is not JSON, so the client gets an error event', async () => {
    await expect(collect(chatChunksAsText(from(['not json'])))).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe(chatAnswerAsCompletions.name, () => {
  it('keeps the upstream headers of a JSON answer', () => {
    const answer = chatAnswerAsCompletions({ kind: 'json', body: { choices: [] }, headers: { 'x-ratelimit': '1' } });
    expect(answer).toMatchObject({
      kind: 'json',
      headers: { 'x-ratelimit': '1' },
      body: { object: 'text_completion' },
    });
  });
});
