import type { ModelDeployment } from '../../../src/config/config.schema';
import { UpstreamError } from '../../../src/models/providers/llm-provider.interface';
import { MockProvider } from '../../../src/models/providers/mock.provider';

const deployment = { id: 'demo#0', modelName: 'demo', provider: 'mock', upstreamModel: 'demo' } as ModelDeployment;

function embed(body: Record<string, unknown>): Promise<unknown> {
  return new MockProvider().forward({
    operation: 'embeddings',
    deployment,
    body,
    stream: false,
    signal: new AbortController().signal,
    idleTimeoutMs: 1000,
  });
}

describe('MockProvider embeddings', () => {
  it('answers one vector per input, of the dimensions asked', async () => {
    const answer = (await embed({ input: ['a', 'b'], dimensions: 8 })) as {
      body: { data: Array<{ embedding: number[] }> };
    };
    expect(answer.body.data.map((item) => item.embedding.length)).toEqual([8, 8]);
  });

  it('refuses dimensions past OpenAI’s limit with a 400 naming the field, instead of allocating without bound', async () => {
    await expect(embed({ input: 'a', dimensions: 169_220_804 })).rejects.toMatchObject({
      constructor: UpstreamError,
      status: 400,
      answer: { details: { param: 'dimensions' } },
    });
  });

  it('refuses more inputs than OpenAI accepts in one request', async () => {
    await expect(embed({ input: Array.from({ length: 2049 }, () => 'x') })).rejects.toMatchObject({
      status: 400,
      answer: { details: { param: 'input' } },
    });
  });
});
