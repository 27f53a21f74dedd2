import { ViolationQueue } from '../../src/violations/violation.queue';
import { DATABASES, type TestDatabase } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-excerpt-test';
const ANSWER = 'The weather is mild today.';

describe.each(DATABASES)('post_call violation excerpt on $kind', (db: TestDatabase) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;

  beforeAll(async () => {
    database = await db.create();
    gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: ANSWER } }],
      guardrails: [
        {
          guardrail_name: 'after-words',
          litellm_params: {
            guardrail: 'banned_keywords',
            mode: 'post_call',
            on_flagged: 'monitor',
            keywords: ['flagme'],
          },
        },
      ],
      general_settings: { database_url: database.url, master_key: MASTER_KEY, violation_excerpt: 'full' },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  async function excerptOf(requestId: string, prompt: string): Promise<string | null> {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${MASTER_KEY}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        model: 'demo',
        messages: [{ role: 'user', content: prompt }],
        guardrails: ['after-words'],
      }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    await gateway.app.get(ViolationQueue).flush();
    const list = await fetch(`${gateway.url}/admin/violations?request_id=${requestId}`, {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
    });
    const { data } = (await list.json()) as { data: Array<{ excerpt: string | null }> };
    expect(data).toHaveLength(1);
    return data[0].excerpt;
  }

  it('stores the flagged prompt, not only the answer, when a post_call guardrail flagged the prompt', async () => {
    const excerpt = await excerptOf('req-prompt-side', 'please flagme, what is the weather?');
    // The bug: the excerpt was the model's answer alone, without the text that was flagged.
    expect(excerpt).toBe('please flagme, what is the weather?');
  });
});
