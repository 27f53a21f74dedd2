import { buildExcerpt } from '../../../src/violations/violation-excerpt';
import type { GuardInput } from '../../../src/guardrails/guardrail.types';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'jane.doe@example.com';

function userSays(content: string): GuardInput {
  return {
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content },
    ],
  };
}

function words(count: number): string {
  return Array.from({ length: count }, (_, i) => `word${i % 10}`).join(' ');
}

/** Key-like characters from a fixed seed (a linear congruential generator): what a real key looks like. */
function randomKeyBody(seed: number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed;
  let body = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    body += alphabet[state % alphabet.length];
  }
  return body;
}

describe('buildExcerpt', () => {
  it('stores the last user message before the call, per policy', () => {
    const input: GuardInput = { ...userSays(`mail ${EMAIL} now`), response: `card ${CARD}` };
    expect(buildExcerpt(input, 'pre_call', 'redacted')).toBe('mail [REDACTED EMAIL_ADDRESS] now');
    expect(buildExcerpt(input, 'during_call', 'redacted')).toBe('mail [REDACTED EMAIL_ADDRESS] now');
    expect(buildExcerpt(input, 'pre_call', 'full')).toBe(`mail ${EMAIL} now`);
    expect(buildExcerpt(input, 'pre_call', 'none')).toBeUndefined();
    expect(buildExcerpt(input, 'post_call', 'none', 'input')).toBeUndefined();
  });

  describe('post_call', () => {
    const input: GuardInput = { ...userSays(`mail ${EMAIL} now`), response: `card ${CARD}` };

    it('stores the prompt when the guardrail flagged the prompt, not the answer', () => {
      expect(buildExcerpt(input, 'post_call', 'redacted', 'input')).toBe('mail [REDACTED EMAIL_ADDRESS] now');
      expect(buildExcerpt(input, 'post_call', 'full', 'input')).toBe(`mail ${EMAIL} now`);
    });

    it('stores the answer when the guardrail flagged the answer', () => {
      expect(buildExcerpt(input, 'post_call', 'redacted', 'response')).toBe('card [REDACTED CREDIT_CARD]');
      expect(buildExcerpt(input, 'post_call', 'full', 'response')).toBe(`card ${CARD}`);
    });

    it('stores both, labelled, when the guardrail does not say where it flagged', () => {
      expect(buildExcerpt(input, 'post_call', 'redacted')).toBe(
        'input: mail [REDACTED EMAIL_ADDRESS] now\n\nresponse: card [REDACTED CREDIT_CARD]',
      );
      expect(buildExcerpt(input, 'post_call', 'full')).toBe(`input: mail ${EMAIL} now\n\nresponse: card ${CARD}`);
    });

    it('leaves out an empty side instead of labelling it', () => {
      expect(buildExcerpt({ ...userSays('hello'), response: '' }, 'post_call', 'full')).toBe('hello');
      expect(buildExcerpt({ messages: [], response: 'the answer' }, 'post_call', 'full')).toBe('the answer');
      expect(buildExcerpt({ ...userSays('hello'), response: '' }, 'post_call', 'full', 'response')).toBe('hello');
    });

    it('shortens and redacts each side on its own', () => {
      const long = `${words(40)} ${EMAIL} ${words(2_000)}`;
      const excerpt = buildExcerpt({ ...userSays(long), response: long }, 'post_call', 'redacted')!;
      const [prompt, answer] = excerpt.split('\n\nresponse: ');
      expect(prompt.startsWith('input: ')).toBe(true);
      expect(prompt.length).toBe('input: '.length + 501);
      expect(answer.length).toBe(501);
      expect(excerpt).not.toContain(EMAIL);
      expect(excerpt.match(/\[REDACTED EMAIL_ADDRESS\]/g)).toHaveLength(2);
    });
  });

  it('keeps 500 characters of a long text, redacted, and marks the cut', () => {
    const text = `${words(40)} ${EMAIL} ${words(2_000)}`;
    const excerpt = buildExcerpt(userSays(text), 'pre_call', 'redacted')!;
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBe(501);
    expect(excerpt).toContain('[REDACTED EMAIL_ADDRESS]');
    expect(excerpt).not.toContain(EMAIL);
  });

  it('masks what straddles the 500th character', () => {
    for (let shift = 0; shift < 30; shift += 1) {
      const text = `${'x'.repeat(480 + shift)} ${CARD} ${EMAIL} ${words(500)}`;
      const excerpt = buildExcerpt(userSays(text), 'pre_call', 'redacted')!;
      expect(excerpt).not.toMatch(/4111|1111|jane\.doe/);
    }
  });

  it('never keeps a half-read item when masks shortened the text', () => {
    // Three 208-character keys masked to 25 characters each pull the end of the redaction window into the first 500.
    const token = [1, 2, 3].map((seed) => `sk-proj-${randomKeyBody(seed, 200)}`).join(' ');
    for (let shift = 0; shift < 40; shift += 1) {
      const text = `${token} ${'y'.repeat(60 + shift)} ${CARD} ${words(400)}`;
      const excerpt = buildExcerpt(userSays(text), 'pre_call', 'redacted')!;
      expect(excerpt).not.toMatch(/sk-proj-[A-Za-z0-9]/);
      expect(excerpt).not.toMatch(/4111 1111|1111 1111/);
    }
  });
});
