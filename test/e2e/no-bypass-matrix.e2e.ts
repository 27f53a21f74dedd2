import { AnthropicUpstreamMock } from '../mocks/anthropic-upstream.mock';
import { OpenAiUpstreamMock } from '../mocks/openai-upstream.mock';
import type { EndpointName } from '../../src/endpoints/endpoint-name';
import { startGateway, type RunningGateway } from './gateway.harness';
import { newRequestId, violationsFor } from './guardrails.harness';

/**
 * Every door × mode × streamed or not × on_flagged: no cell may let flagged text through. The flagged word is in
 * the input for pre_call and during_call, and only in the model's answer for post_call (embeddings, which have no
 * answer text, carry it in the input there too). Each cell asserts whether the upstream was called, what the client
 * received, and the violation row written.
 */

const FLAGGED_WORD = 'FORBIDDENWORD';
const ANSWER_MARK = 'ANSWERMARK';
const CLEAN_INPUT = 'please say hello';
const FLAGGED_INPUT = `please repeat ${FLAGGED_WORD} back`;
const CLEAN_ANSWER = `${ANSWER_MARK} hello there friend`;
const FLAGGED_ANSWER = `${ANSWER_MARK} here it is: ${FLAGGED_WORD} and more words`;
const EMAIL = 'jane.doe@example.com';

type Upstream = 'openai' | 'anthropic' | 'in-process';
type Mode = 'pre_call' | 'during_call' | 'post_call';

/** One way into the gateway: an endpoint, a model behind it, and how its body carries a text. */
interface Door {
  endpoint: EndpointName;
  path: string;
  upstream: Upstream;
  /** The model to call when the upstream should answer `answer`. */
  model(answer: 'clean' | 'flagged' | 'email'): string;
  body(model: string, text: string, stream: boolean): Record<string, unknown>;
  streams: boolean;
  /** Whether the model writes an answer text (embeddings do not). */
  answers: boolean;
}

const openAiModel = (): string => 'gpt';
const mockModel = (answer: 'clean' | 'flagged' | 'email'): string => `demo-${answer}`;

const chatBody = (model: string, text: string, stream: boolean): Record<string, unknown> => ({
  model,
  stream,
  messages: [{ role: 'user', content: text }],
});
const responsesBody = (model: string, text: string, stream: boolean): Record<string, unknown> => ({
  model,
  stream,
  input: text,
});
const messagesBody = (model: string, text: string, stream: boolean): Record<string, unknown> => ({
  model,
  stream,
  max_tokens: 64,
  messages: [{ role: 'user', content: text }],
});
const completionsBody = (model: string, text: string, stream: boolean): Record<string, unknown> => ({
  model,
  stream,
  prompt: text,
});
const embeddingsBody = (model: string, text: string): Record<string, unknown> => ({ model, input: text });

const DOORS: Door[] = [
  {
    endpoint: 'chat',
    path: '/v1/chat/completions',
    upstream: 'openai',
    model: openAiModel,
    body: chatBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'chat',
    path: '/v1/chat/completions',
    upstream: 'anthropic',
    model: () => 'claude',
    body: chatBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'responses',
    path: '/v1/responses',
    upstream: 'openai',
    model: openAiModel,
    body: responsesBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'responses',
    path: '/v1/responses',
    upstream: 'in-process',
    model: mockModel,
    body: responsesBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'responses',
    path: '/v1/responses',
    upstream: 'anthropic',
    model: () => 'claude',
    body: responsesBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'messages',
    path: '/v1/messages',
    upstream: 'anthropic',
    model: () => 'claude',
    body: messagesBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'messages',
    path: '/v1/messages',
    upstream: 'openai',
    model: openAiModel,
    body: messagesBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'messages',
    path: '/v1/messages',
    upstream: 'in-process',
    model: mockModel,
    body: messagesBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'completions',
    path: '/v1/completions',
    upstream: 'openai',
    model: openAiModel,
    body: completionsBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'completions',
    path: '/v1/completions',
    upstream: 'in-process',
    model: mockModel,
    body: completionsBody,
    streams: true,
    answers: true,
  },
  {
    endpoint: 'embeddings',
    path: '/v1/embeddings',
    upstream: 'openai',
    model: openAiModel,
    body: embeddingsBody,
    streams: false,
    answers: false,
  },
  {
    endpoint: 'embeddings',
    path: '/v1/embeddings',
    upstream: 'in-process',
    model: mockModel,
    body: embeddingsBody,
    streams: false,
    answers: false,
  },
];

const MODES: Mode[] = ['pre_call', 'during_call', 'post_call'];
const ACTIONS = ['block', 'monitor'] as const;

function keywordGuardrail(mode: Mode, onFlagged: 'block' | 'monitor'): Record<string, unknown> {
  return {
    guardrail_name: `kw-${mode}-${onFlagged}`,
    litellm_params: { guardrail: 'banned_keywords', mode, on_flagged: onFlagged, keywords: [FLAGGED_WORD] },
  };
}

function maskGuardrail(mode: 'pre_call' | 'post_call'): Record<string, unknown> {
  return {
    guardrail_name: `pii-${mode}-mask`,
    litellm_params: { guardrail: 'pii', mode, pii_entities_config: { EMAIL_ADDRESS: 'MASK' } },
  };
}

interface Reply {
  status: number;
  text: string;
}

describe('no-bypass matrix: every endpoint × mode × stream × on_flagged', () => {
  const openai = new OpenAiUpstreamMock('openai');
  const anthropic = new AnthropicUpstreamMock();
  let gateway: RunningGateway;

  beforeAll(async () => {
    await Promise.all([openai.start(), anthropic.start()]);
    const mockModels = (['clean', 'flagged', 'email'] as const).map((answer) => ({
      model_name: `demo-${answer}`,
      litellm_params: {
        model: 'mock/demo',
        mock_response:
          answer === 'clean' ? CLEAN_ANSWER : answer === 'flagged' ? FLAGGED_ANSWER : `${ANSWER_MARK} ${EMAIL}`,
      },
    }));
    gateway = await startGateway({
      model_list: [
        {
          model_name: 'gpt',
          litellm_params: { model: 'openai/gpt-4o', api_base: `${openai.url}/v1`, api_key: 'sk-x' },
        },
        {
          model_name: 'claude',
          litellm_params: { model: 'anthropic/claude-sonnet-4-5', api_base: anthropic.url, api_key: anthropic.apiKey },
        },
        ...mockModels,
      ],
      guardrails: [
        ...MODES.flatMap((mode) => ACTIONS.map((action) => keywordGuardrail(mode, action))),
        maskGuardrail('pre_call'),
        maskGuardrail('post_call'),
      ],
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([openai.close(), anthropic.close()]);
  });

  function answerWith(door: Door, answer: 'clean' | 'flagged' | 'email'): void {
    const text = answer === 'clean' ? CLEAN_ANSWER : answer === 'flagged' ? FLAGGED_ANSWER : `${ANSWER_MARK} ${EMAIL}`;
    openai.reset();
    openai.defaults = { content: text };
    anthropic.reset();
    anthropic.content = text;
  }

  function upstreamRequests(door: Door): string[] {
    const mock = door.upstream === 'openai' ? openai : door.upstream === 'anthropic' ? anthropic : undefined;
    return mock ? mock.requests.map((request) => JSON.stringify(request.body)) : [];
  }

  async function send(
    door: Door,
    guardrail: string,
    text: string,
    answer: 'clean' | 'flagged' | 'email',
    stream: boolean,
    requestId: string,
  ): Promise<Reply> {
    answerWith(door, answer);
    const response = await fetch(`${gateway.url}${door.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...door.body(door.model(answer), text, stream), guardrails: [guardrail] }),
    });
    return { status: response.status, text: await response.text() };
  }

  const cells = DOORS.flatMap((door) =>
    MODES.flatMap((mode) =>
      (door.streams ? [false, true] : [false]).flatMap((stream) =>
        ACTIONS.map((onFlagged) => ({ door, mode, stream, onFlagged })),
      ),
    ),
  );

  it.each(
    cells.map((cell) => [
      `${cell.door.path} via ${cell.door.upstream} ${cell.mode} stream=${cell.stream} ${cell.onFlagged}`,
      cell,
    ]),
  )('%s', async (_name, { door, mode, stream, onFlagged }) => {
    const flagsAnswer = mode === 'post_call' && door.answers;
    const requestId = newRequestId(`matrix-${door.endpoint}`);
    const reply = await send(
      door,
      `kw-${mode}-${onFlagged}`,
      flagsAnswer ? CLEAN_INPUT : FLAGGED_INPUT,
      flagsAnswer ? 'flagged' : 'clean',
      stream,
      requestId,
    );
    const rows = await violationsFor(gateway.app, requestId);
    expect(rows.map((row) => [row.guardrailName, row.mode, row.action, row.endpoint])).toEqual([
      [`kw-${mode}-${onFlagged}`, mode, onFlagged === 'block' ? 'blocked' : 'monitored', door.endpoint],
    ]);
    if (onFlagged === 'block') {
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(FLAGGED_WORD);
      expect(reply.text).not.toContain(ANSWER_MARK);
      if (mode === 'pre_call' && door.upstream !== 'in-process') {
        expect(upstreamRequests(door)).toEqual([]);
      }
    } else {
      expect(reply.status).toBe(200);
      if (door.answers) {
        expect(reply.text).toContain(ANSWER_MARK);
      }
      if (door.upstream !== 'in-process') {
        expect(upstreamRequests(door)).toHaveLength(1);
      }
    }
  });

  const maskDoors = DOORS.flatMap((door) =>
    (door.streams ? [false, true] : [false]).map((stream) => ({ door, stream })),
  );

  it.each(maskDoors.map((cell) => [`${cell.door.path} via ${cell.door.upstream} stream=${cell.stream}`, cell]))(
    'pre_call masks reach the upstream masked and are recorded: %s',
    async (_name, { door, stream }) => {
      const requestId = newRequestId(`mask-pre-${door.endpoint}`);
      const reply = await send(door, 'pii-pre_call-mask', `write to ${EMAIL} now`, 'clean', stream, requestId);
      expect(reply.status).toBe(200);
      const rows = await violationsFor(gateway.app, requestId);
      expect(rows.map((row) => [row.action, row.endpoint])).toEqual([['masked', door.endpoint]]);
      for (const sent of upstreamRequests(door)) {
        expect(sent).not.toContain(EMAIL);
      }
      if (door.upstream !== 'in-process') {
        expect(upstreamRequests(door)).toHaveLength(1);
      }
    },
  );

  it.each(
    maskDoors
      .filter((cell) => cell.door.answers)
      .map((cell) => [`${cell.door.path} via ${cell.door.upstream} stream=${cell.stream}`, cell]),
  )('post_call masks the answer before the client sees it: %s', async (_name, { door, stream }) => {
    const requestId = newRequestId(`mask-post-${door.endpoint}`);
    const reply = await send(door, 'pii-post_call-mask', CLEAN_INPUT, 'email', stream, requestId);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(ANSWER_MARK);
    expect(reply.text).not.toContain(EMAIL);
    const rows = await violationsFor(gateway.app, requestId);
    expect(rows.map((row) => [row.action, row.endpoint])).toEqual([['masked', door.endpoint]]);
  });
});
