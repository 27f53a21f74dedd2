import fc from 'fast-check';
import { startGateway, type RunningGateway } from '../e2e/gateway.harness';

const MASTER_KEY = 'sk-fuzz-master-key';

/** Any JSON value, including prototype-pollution keys, long strings and nesting. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** Bodies shaped like chat requests with something wrong (or right) in every field. */
const chatBody = fc.record(
  {
    model: fc.oneof(fc.constant('demo'), jsonValue),
    messages: fc.oneof(
      fc.array(
        fc.record(
          { role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool'), jsonValue), content: jsonValue },
          { requiredKeys: [] },
        ),
        {
          maxLength: 4,
        },
      ),
      jsonValue,
    ),
    stream: fc.oneof(fc.boolean(), jsonValue),
    guardrails: jsonValue,
    metadata: jsonValue,
    temperature: jsonValue,
  },
  { requiredKeys: [] },
);

const rawBody = fc.oneof(
  chatBody.map((body) => JSON.stringify(body)),
  jsonValue.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '{"model":"demo","messages":[{"role":"user","content":"x"}],"__proto__":{"polluted":true}}',
    '{"model":"demo","messages":[{"role":"user","content":"x","constructor":{"prototype":{"polluted":true}}}]}',
    `{"model":"demo","messages":[{"role":"user","content":${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`,
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    `{"model":"${'m'.repeat(300_000)}","messages":[]}`,
    '',
  ),
);

/** Invalid UTF-8 byte sequences inside otherwise valid JSON. */
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 16 })
  .map((bytes) =>
    Buffer.concat([
      Buffer.from('{"model":"demo","messages":[{"role":"user","content":"'),
      Buffer.from([0xc3, 0x28, 0xff, ...bytes]),
      Buffer.from('"}]}'),
    ]),
  );

function expectOpenAiError(status: number, body: unknown, label: string): void {
  if (status >= 500) {
    throw new Error(`${label}: got ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  if (status >= 400) {
    const error = (body as { error?: { message?: unknown; type?: unknown } } | null)?.error;
    if (!error || error.message === undefined || typeof error.type !== 'string') {
      throw new Error(`${label}: ${status} without the OpenAI error shape: ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
}

async function post(url: string, body: string | Buffer, method = 'POST'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` },
    body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // a non-JSON body is reported by expectOpenAiError when the status is an error
  }
  return { status: response.status, body: parsed };
}

describe('bad input never crashes the gateway or leaks a 5xx', () => {
  let gateway: RunningGateway;
  let guardrailId: string;

  beforeAll(async () => {
    gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok' } }],
      guardrails: [
        {
          guardrail_name: 'pii',
          litellm_params: { guardrail: 'pii', mode: ['pre_call', 'post_call'], default_on: true },
        },
        { guardrail_name: 'injection', litellm_params: { guardrail: 'prompt_injection', mode: 'pre_call' } },
      ],
      general_settings: { master_key: MASTER_KEY, max_request_size_mb: 1 },
    });
    const list = await fetch(`${gateway.url}/admin/guardrails`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    guardrailId = ((await list.json()) as Array<{ id: string }>)[0].id;
  });

  afterAll(async () => {
    await gateway.close();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers every generated chat body with 200 or a 4xx in the OpenAI error shape', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async (body) => {
        const { status, body: answer } = await post(`${gateway.url}/v1/chat/completions`, body);
        expectOpenAiError(status, answer, `chat ${body.slice(0, 120)}`);
      }),
      { numRuns: 1500, seed: 20261126 },
    );
  });

  it('answers invalid UTF-8 without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(invalidUtf8, async (body) => {
        const { status, body: answer } = await post(`${gateway.url}/v1/chat/completions`, body);
        expectOpenAiError(status, answer, 'utf8');
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('answers every generated admin body with a 2xx or a 4xx in the OpenAI error shape', async () => {
    const routes: Array<[string, string]> = [
      ['POST', '/admin/guardrails'],
      ['PATCH', `/admin/guardrails/${'00000000-0000-4000-8000-000000000000'}`],
      ['POST', `/admin/guardrails/{id}/test`],
      ['POST', '/admin/keys'],
      ['PATCH', `/admin/keys/${'00000000-0000-4000-8000-000000000000'}`],
      ['POST', '/key/generate'],
      ['POST', '/key/update'],
    ];
    const adminBody = fc.oneof(
      fc
        .record(
          {
            guardrail_name: fc.oneof(fc.string({ maxLength: 20 }), jsonValue),
            litellm_params: fc.oneof(
              fc.record(
                {
                  guardrail: fc.oneof(
                    fc.constantFrom(
                      'pii',
                      'banned_keywords',
                      'lakera_v2',
                      'presidio',
                      'openai_moderation',
                      'azure/prompt_shield',
                      'azure/text_moderations',
                      'model_armor',
                      'generic_guardrail_api',
                      'bogus',
                    ),
                    jsonValue,
                  ),
                  mode: fc.oneof(fc.constantFrom('pre_call', 'during_call', 'post_call'), jsonValue),
                  on_flagged: jsonValue,
                  keywords: jsonValue,
                  patterns: jsonValue,
                  api_key: jsonValue,
                  api_base: jsonValue,
                  pii_entities_config: jsonValue,
                  category_thresholds: jsonValue,
                  credentials: jsonValue,
                  template_id: jsonValue,
                  headers: jsonValue,
                  cache_ttl_seconds: jsonValue,
                },
                { requiredKeys: [] },
              ),
              jsonValue,
            ),
            messages: jsonValue,
            response: jsonValue,
            enabled: jsonValue,
            key_alias: jsonValue,
            key: jsonValue,
            models: jsonValue,
            guardrails: jsonValue,
            team: jsonValue,
            duration: jsonValue,
            expires_at: jsonValue,
          },
          { requiredKeys: [] },
        )
        .map((body) => JSON.stringify(body)),
      rawBody,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), adminBody, async ([method, path], body) => {
        const url = `${gateway.url}${path.replace('{id}', guardrailId)}`;
        const { status, body: answer } = await post(url, body, method);
        expectOpenAiError(status, answer, `${method} ${path} ${body.slice(0, 120)}`);
      }),
      { numRuns: 1500, seed: 42 },
    );
  });

  it('answers generated query strings on the violation log with a 2xx or a 4xx', async () => {
    const param = fc.constantFrom(
      'guardrail',
      'action',
      'model',
      'endpoint',
      'key_alias',
      'team',
      'request_id',
      'from',
      'to',
      'limit',
      'offset',
      'cursor',
      'sort',
      'order',
      'before',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(param, fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String))), { maxLength: 5 }),
        fc.constantFrom('', '/stats'),
        async (pairs, suffix) => {
          const query = new URLSearchParams(pairs).toString();
          const response = await fetch(`${gateway.url}/admin/violations${suffix}?${query}`, {
            headers: { authorization: `Bearer ${MASTER_KEY}` },
          });
          expectOpenAiError(response.status, await response.json(), `violations${suffix}?${query}`);
        },
      ),
      { numRuns: 500, seed: 99 },
    );
  });

  it('is still healthy afterwards', async () => {
    const response = await fetch(`${gateway.url}/health/liveliness`);
    expect(response.status).toBe(200);
  });
});
