import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import {
  embeddingsAdapter,
  embeddingsGuardMessages,
  embeddingsWithMaskedMessages,
} from '../../../../src/endpoints/embeddings/embeddings.adapter';
import { parseEmbeddingsRequest } from '../../../../src/endpoints/embeddings/embeddings-request';

const user = (content: string): { role: string; content: string } => ({ role: 'user', content });

describe('embeddingsAdapter', () => {
  it('lists each input text as a user message', () => {
    expect(embeddingsGuardMessages(parseEmbeddingsRequest({ model: 'm', input: 'one' }))).toEqual([user('one')]);
    expect(embeddingsGuardMessages(parseEmbeddingsRequest({ model: 'm', input: ['a', 'b'] }))).toEqual([
      user('a'),
      user('b'),
    ]);
  });

  it('writes masks back into input as it came: a string, or input[i]', () => {
    const single = parseEmbeddingsRequest({ model: 'm', input: 'mail a@b.io' });
    expect(embeddingsWithMaskedMessages(single, [user('mail [EMAIL]')]).body.input).toBe('mail [EMAIL]');
    const list = parseEmbeddingsRequest({ model: 'm', input: ['a', 'a@b.io'], dimensions: 4 });
    const masked = embeddingsWithMaskedMessages(list, [user('a'), user('[EMAIL]')]);
    expect(masked.body).toEqual({ model: 'm', input: ['a', '[EMAIL]'], dimensions: 4 });
    expect(list.body.input).toEqual(['a', 'a@b.io']);
  });

  it('refuses a masked list of another length', () => {
    const request = parseEmbeddingsRequest({ model: 'm', input: ['a', 'b'] });
    expect(() => embeddingsWithMaskedMessages(request, [user('a')])).toThrow(UnmaskableText);
  });

  it('calls the upstream natively only (embeddings cannot be translated through chat), never as a stream', () => {
    const upstream = embeddingsAdapter.upstreamRequest(parseEmbeddingsRequest({ model: 'm', input: 'x' }));
    expect(upstream).toEqual({ operation: 'embeddings', body: { model: 'm', input: 'x' }, stream: false });
  });

  it('has no answer text for post_call to read', () => {
    const codec = embeddingsAdapter.answerCodec(parseEmbeddingsRequest({ model: 'm', input: 'x' }));
    expect(codec.jsonTexts({ object: 'list', data: [{ embedding: [0.1] }] }).size).toBe(0);
  });
});
