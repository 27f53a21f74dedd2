import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

/** As long as OpenAI's text-embedding-3-small vectors, so demos can fill a vector store sized for it. */
const DEFAULT_DIMENSIONS = 1536;

/**
 * `mock/` models' answer to `/v1/embeddings`: one unit vector per input, derived from a hash of its text (or of its
 * token ids), so the same text always gets the same vector. Honours `dimensions`, and `encoding_format: "base64"`
 * (little-endian float32, what openai-node asks for by default and decodes).
 */
export function mockEmbeddings(body: Readonly<Json>, model: string): Json {
  const inputs = inputsOf(body.input);
  const dimensions =
    typeof body.dimensions === 'number' && Number.isSafeInteger(body.dimensions) && body.dimensions > 0
      ? body.dimensions
      : DEFAULT_DIMENSIONS;
  const base64 = body.encoding_format === 'base64';
  const tokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = hashedVector(input, dimensions);
      return { object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** Each input as a string to hash: a text itself, token ids as their JSON. */
function inputsOf(input: unknown): string[] {
  if (typeof input === 'string') {
    return [input];
  }
  if (!Array.isArray(input)) {
    return [];
  }
  if (input.length > 0 && input.every((item) => typeof item === 'number')) {
    return [JSON.stringify(input)];
  }
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** `dimensions` values in [-1, 1] from SHA-256 blocks of the text, scaled to length 1 as OpenAI's vectors are. */
export function hashedVector(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}\u0000${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && values.length < dimensions; offset += 4) {
      values.push(digest.readUInt32LE(offset) / 0x7fffffff - 1);
    }
  }
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  // Rounded through float32, so the float and base64 answers carry the very same numbers.
  return values.map((value) => Math.fround(value / norm));
}

export function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
