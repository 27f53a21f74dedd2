import { APPLIED_GUARDRAILS_HEADER } from '../../src/endpoints/pipeline';
import { startGateway, type RunningGateway } from './gateway.harness';

/** `x-warden-applied-guardrails` names the guardrails that actually ran, not those that were selected. */
describe(APPLIED_GUARDRAILS_HEADER, () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'fine' } }],
      guardrails: [
        {
          guardrail_name: 'gate',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['heron'] },
        },
        {
          guardrail_name: 'watch',
          litellm_params: {
            guardrail: 'banned_keywords',
            mode: 'during_call',
            on_flagged: 'monitor',
            default_on: true,
            keywords: ['owl'],
          },
        },
        {
          guardrail_name: 'after',
          litellm_params: { guardrail: 'banned_keywords', mode: 'post_call', default_on: true, keywords: ['fine'] },
        },
      ],
    });
  });

  afterAll(() => gateway.close());

  async function applied(path: string, body: Record<string, unknown>): Promise<[number, string | null]> {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.text();
    return [response.status, response.headers.get(APPLIED_GUARDRAILS_HEADER)];
  }

  it('lists only the pre_call guardrail when it blocked before the others started', async () => {
    expect(
      await applied('/v1/chat/completions', { model: 'demo', messages: [{ role: 'user', content: 'a heron' }] }),
    ).toEqual([400, 'gate']);
  });

  it('lists the guardrails of every mode that ran, on every endpoint', async () => {
    expect(await applied('/v1/responses', { model: 'demo', input: 'an owl' })).toEqual([400, 'gate,watch,after']);
    expect(await applied('/v1/embeddings', { model: 'demo', input: 'a heron' })).toEqual([400, 'gate']);
  });
});
