import { float32Base64, hashedVector, mockEmbeddings } from '../../../../src/models/providers/mock-embeddings';

type Embedding = { object: string; index: number; embedding: number[] | string };

const dataOf = (answer: Record<string, unknown>): Embedding[] => answer.data as Embedding[];

function decode(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}

describe(mockEmbeddings.name, () => {
  it('answers one unit vector per input, the same for the same text, in the embeddings list shape', () => {
    const answer = mockEmbeddings({ input: ['a', 'b', 'a'], dimensions: 16 }, 'mock-embed');
    expect(answer).toMatchObject({ object: 'list', model: 'mock-embed', usage: { prompt_tokens: 3, total_tokens: 3 } });
    const [a, b, again] = dataOf(answer);
    expect(a).toMatchObject({ object: 'embedding', index: 0 });
    expect(a.embedding).toHaveLength(16);
    expect(again.embedding).toEqual(a.embedding);
    expect(b.embedding).not.toEqual(a.embedding);
    const norm = Math.hypot(...(a.embedding as number[]));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('defaults to 1536 dimensions, like text-embedding-3-small', () => {
    expect(dataOf(mockEmbeddings({ input: 'x' }, 'm'))[0].embedding).toHaveLength(1536);
  });

  it('answers base64 little-endian float32 that decodes to the float answer', () => {
    const floats = dataOf(mockEmbeddings({ input: 'x', dimensions: 8 }, 'm'))[0].embedding as number[];
    const base64 = dataOf(mockEmbeddings({ input: 'x', dimensions: 8, encoding_format: 'base64' }, 'm'))[0].embedding;
    expect(typeof base64).toBe('string');
    expect(decode(base64 as string)).toEqual(floats);
  });

  it('embeds token ids as well (one vector per list)', () => {
    expect(dataOf(mockEmbeddings({ input: [1, 2, 3], dimensions: 4 }, 'm'))).toHaveLength(1);
    expect(dataOf(mockEmbeddings({ input: [[1], [2]], dimensions: 4 }, 'm'))).toHaveLength(2);
  });

  it('builds vectors of any length from hash blocks', () => {
    expect(hashedVector('t', 20)).toHaveLength(20);
    expect(decode(float32Base64([0.5, -0.25]))).toEqual([0.5, -0.25]);
  });
});
