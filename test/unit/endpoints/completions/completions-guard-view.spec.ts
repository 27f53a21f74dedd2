import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import {
  completionsGuardMessages,
  completionsWithMaskedMessages,
} from '../../../../src/endpoints/completions/completions-guard-view';
import { parseCompletionsRequest } from '../../../../src/endpoints/completions/completions-request';

const user = (content: string): { role: string; content: string } => ({ role: 'user', content });

describe(completionsGuardMessages.name, () => {
  it('lists a prompt string as one user message', () => {
    expect(completionsGuardMessages(parseCompletionsRequest({ model: 'm', prompt: 'hello' }))).toEqual([user('hello')]);
  });

  it('lists each prompt of a list, then the suffix, as user messages', () => {
    const request = parseCompletionsRequest({ model: 'm', prompt: ['a', 'b'], suffix: 'end' });
    expect(completionsGuardMessages(request)).toEqual([user('a'), user('b'), user('end')]);
  });

  it('lists only the suffix beside token ids (the pipeline refuses token ids when a guardrail applies)', () => {
    expect(completionsGuardMessages(parseCompletionsRequest({ model: 'm', prompt: [1, 2], suffix: 's' }))).toEqual([
      user('s'),
    ]);
  });
});

describe(completionsWithMaskedMessages.name, () => {
  it('writes a masked prompt string back as a string', () => {
    const request = parseCompletionsRequest({ model: 'm', prompt: 'mail bob@x.io', max_tokens: 3 });
    const masked = completionsWithMaskedMessages(request, [user('mail [EMAIL]')]);
    expect(masked.body).toEqual({ model: 'm', prompt: 'mail [EMAIL]', max_tokens: 3 });
    expect(masked.prompt).toEqual({ kind: 'texts', texts: ['mail [EMAIL]'], list: false });
    expect(request.body.prompt).toBe('mail bob@x.io');
  });

  it('writes masks back into prompt[i] and suffix, in the order they were listed', () => {
    const request = parseCompletionsRequest({ model: 'm', prompt: ['a', 'b@x.io'], suffix: 'c@x.io' });
    const masked = completionsWithMaskedMessages(request, [user('a'), user('[EMAIL]'), user('[EMAIL2]')]);
    expect(masked.body).toMatchObject({ prompt: ['a', '[EMAIL]'], suffix: '[EMAIL2]' });
    expect(masked.suffix).toBe('[EMAIL2]');
  });

  it('round-trips unchanged messages to the same body', () => {
    const request = parseCompletionsRequest({ model: 'm', prompt: ['a', 'b'], suffix: 'c', echo: true });
    expect(completionsWithMaskedMessages(request, completionsGuardMessages(request)).body).toEqual(request.body);
  });

  it('refuses a masked list of another length, or content that is not a string', () => {
    const request = parseCompletionsRequest({ model: 'm', prompt: ['a', 'b'] });
    expect(() => completionsWithMaskedMessages(request, [user('a')])).toThrow(UnmaskableText);
    expect(() =>
      completionsWithMaskedMessages(request, [user('a'), { role: 'user', content: [{ type: 'text', text: 'b' }] }]),
    ).toThrow(UnmaskableText);
  });
});
