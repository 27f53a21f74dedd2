import fc from 'fast-check';
import { startGateway, type RunningGateway } from '../e2e/gateway.harness';

/**
 * The fuzz suite for the Responses, Messages, completions and embeddings bodies: whatever the body, the gateway
 * answers 200 or a 4xx in the error shape of the API called (Anthropic's on /v1/messages), never a 5xx. A default_on
 * masking guardrail makes every generated text go through the guard view and the mask write-back.
 */

const MASTER_KEY = 'sk-fuzz-endpoints';

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('mail jane.doe@example.com', 'call +1 415 555 0100', '{"a":"jane.doe@example.com"}', ''),
);

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'type', 'text')),
      tie('value'),
      {
        maxKeys: 3,
      },
    ),
  ),
})).value;

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof(arbitrary, jsonValue);

const responsesItem = fc.oneof(
  fc.record({ role: maybe(fc.constantFrom('user', 'system', 'developer', 'assistant')), content: maybe(text) }),
  fc.record({
    type: fc.constant('message'),
    role: maybe(fc.constantFrom('user', 'assistant')),
    content: fc.array(
      fc.record({
        type: maybe(fc.constantFrom('input_text', 'output_text', 'refusal', 'input_image')),
        text: maybe(text),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({ type: fc.constant('function_call'), call_id: maybe(text), name: maybe(text), arguments: maybe(text) }),
  fc.record({ type: fc.constant('function_call_output'), call_id: maybe(text), output: maybe(text) }),
  fc.record({ type: fc.constantFrom('reasoning', 'item_reference', 'web_search_call', 'bogus'), summary: jsonValue }),
  jsonValue,
);

const responsesBody = fc.record(
  {
    model: maybe(fc.constantFrom('demo', 'gpt')),
    input: fc.oneof(text, fc.array(responsesItem, { maxLength: 4 }), jsonValue),
    instructions: maybe(text),
    stream: maybe(fc.boolean()),
    store: maybe(fc.boolean()),
    previous_response_id: maybe(text),
    tools: jsonValue,
    metadata: jsonValue,
    guardrails: jsonValue,
  },
  { requiredKeys: [] },
);

const messagesBlock = fc.oneof(
  fc.record({ type: fc.constant('text'), text: maybe(text) }),
  fc.record({ type: fc.constant('tool_use'), id: maybe(text), name: maybe(text), input: jsonValue }),
  fc.record({
    type: fc.constant('tool_result'),
    tool_use_id: maybe(text),
    content: fc.oneof(
      text,
      fc.array(fc.record({ type: fc.constant('text'), text: maybe(text) }), { maxLength: 2 }),
      jsonValue,
    ),
  }),
  fc.record({
    type: fc.constantFrom('thinking', 'redacted_thinking', 'image', 'document', 'bogus'),
    thinking: maybe(text),
    source: jsonValue,
  }),
  jsonValue,
);

const messagesBody = fc.record(
  {
    model: maybe(fc.constantFrom('demo', 'claude')),
    max_tokens: maybe(fc.integer({ min: 1, max: 100 })),
    system: fc.oneof(
      text,
      fc.array(fc.record({ type: fc.constant('text'), text: maybe(text) }), { maxLength: 2 }),
      jsonValue,
    ),
    messages: fc.oneof(
      fc.array(
        fc.record({
          role: maybe(fc.constantFrom('user', 'assistant', 'system')),
          content: fc.oneof(text, fc.array(messagesBlock, { maxLength: 3 }), jsonValue),
        }),
        { maxLength: 4 },
      ),
      jsonValue,
    ),
    stream: maybe(fc.boolean()),
    tools: jsonValue,
    metadata: jsonValue,
  },
  { requiredKeys: [] },
);

const promptish = fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.array(fc.integer(), { maxLength: 4 }), jsonValue);

const completionsBody = fc.record(
  {
    model: maybe(fc.constant('demo')),
    prompt: promptish,
    suffix: maybe(text),
    echo: maybe(fc.boolean()),
    stream: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);

const embeddingsBody = fc.record(
  {
    model: maybe(fc.constant('demo')),
    input: promptish,
    encoding_format: maybe(fc.constantFrom('float', 'base64')),
    dimensions: jsonValue,
  },
  { requiredKeys: [] },
);

interface Answer {
  status: number;
  body: unknown;
}

async function post(url: string, body: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${MASTER_KEY}`,
      'anthropic-version': '2023-06-01',
    },
    body,
  });
  const raw = await response.text();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // streams and non-JSON bodies; checked below when the status is an error
  }
  return { status: response.status, body: parsed };
}

function expectErrorShape(path: string, { status, body }: Answer, label: string): void {
  if (status >= 500) {
    throw new Error(`${label}: got ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  if (status < 400) {
    return;
  }
  const error = (body as { error?: { message?: unknown; type?: unknown } } | null)?.error;
  const anthropic = path.endsWith('/messages');
  const shaped = anthropic
    ? (body as { type?: unknown }).type === 'error' &&
      typeof error?.message === 'string' &&
      typeof error.type === 'string'
    : error !== undefined && error.message !== undefined && typeof error.type === 'string';
  if (!shaped) {
    throw new Error(
      `${label}: ${status} without the ${anthropic ? 'Anthropic' : 'OpenAI'} error shape: ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}

describe('bad input on every endpoint never crashes the gateway or leaks a 5xx', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      model_list: [
        { model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok jane.doe@example.com' } },
      ],
      guardrails: [
        {
          guardrail_name: 'pii',
          litellm_params: {
            guardrail: 'pii',
            mode: ['pre_call', 'post_call'],
            default_on: true,
            pii_entities_config: { EMAIL_ADDRESS: 'MASK' },
          },
        },
      ],
      general_settings: { master_key: MASTER_KEY },
    });
  });

  afterAll(async () => {
    await gateway.close();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  const cases: Array<[string, fc.Arbitrary<Record<string, unknown>>]> = [
    ['/v1/responses', responsesBody],
    ['/v1/messages', messagesBody],
    ['/v1/completions', completionsBody],
    ['/v1/embeddings', embeddingsBody],
  ];

  it.each(cases)('answers every generated %s body with 200 or a 4xx in its API error shape', async (path, bodies) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodies.map((body) => JSON.stringify(body)),
          fc.string({ maxLength: 60 }),
        ),
        async (body) => {
          expectErrorShape(path, await post(`${gateway.url}${path}`, body), `${path} ${body.slice(0, 160)}`);
        },
      ),
      { numRuns: 400, seed: 20261207 },
    );
  });
});
