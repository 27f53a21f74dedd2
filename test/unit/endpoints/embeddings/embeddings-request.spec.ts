import { WardenError, WardenErrorCode } from '../../../../src/common/warden.error';
import { parseEmbeddingsRequest } from '../../../../src/endpoints/embeddings/embeddings-request';

function paramOf(body: unknown): string {
  try {
    parseEmbeddingsRequest(body);
  } catch (error) {
    if (error instanceof WardenError && error.code === WardenErrorCode.InvalidRequest) {
      return error.options.param ?? '';
    }
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe(parseEmbeddingsRequest.name, () => {
  it('reads model and input, and keeps encoding_format, dimensions, user and unknown fields for the upstream', () => {
    const request = parseEmbeddingsRequest({
      model: 'embed',
      input: ['a', 'b'],
      encoding_format: 'base64',
      dimensions: 8,
      user: 'u',
      extra: 1,
      guardrails: ['pii'],
    });
    expect(request).toMatchObject({
      model: 'embed',
      stream: false,
      input: { kind: 'texts', texts: ['a', 'b'], list: true },
    });
    expect(request.unreadable).toBeUndefined();
    expect([...request.requestedGuardrails.keys()]).toEqual(['pii']);
    expect(request.body).toEqual({
      model: 'embed',
      input: ['a', 'b'],
      encoding_format: 'base64',
      dimensions: 8,
      user: 'u',
      extra: 1,
    });
  });

  it('accepts stream: false and does not send it on (the embeddings API has no such field)', () => {
    expect(parseEmbeddingsRequest({ model: 'm', input: 'x', stream: false }).body).toEqual({ model: 'm', input: 'x' });
  });

  it.each([
    ['token ids', [1, 2]],
    ['lists of token ids', [[1], [2, 3]]],
  ])('marks %s as unreadable by guardrails, naming input', (_kind, input) => {
    expect(parseEmbeddingsRequest({ model: 'm', input }).unreadable).toEqual({
      param: 'input',
      message: 'input holds token ids, which guardrails cannot read.',
    });
  });

  it.each<[string, unknown, string]>([
    ['a body that is not an object', 'text', ''],
    ['a missing model', { input: 'x' }, 'model'],
    ['a missing input', { model: 'm' }, 'input'],
    ['an empty input list', { model: 'm', input: [] }, 'input'],
    ['an input that is a number', { model: 'm', input: 3 }, 'input'],
    ['an input mixing texts and token ids', { model: 'm', input: ['a', [1]] }, 'input'],
    ['stream: true', { model: 'm', input: 'x', stream: true }, 'stream'],
    ['an unknown encoding_format', { model: 'm', input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ['dimensions of 0', { model: 'm', input: 'x', dimensions: 0 }, 'dimensions'],
    ['dimensions that are not a number', { model: 'm', input: 'x', dimensions: '8' }, 'dimensions'],
  ])('answers 400 to %s, naming the param', (_case, body, param) => {
    expect(paramOf(body)).toBe(param);
  });
});
