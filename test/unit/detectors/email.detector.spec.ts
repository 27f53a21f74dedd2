import { detectEmails } from '../../../src/guardrails/vendors/detectors/email.detector';

const values = (text: string): string[] => detectEmails(text).map((span) => text.slice(span.start, span.end));

describe(detectEmails.name, () => {
  it('finds addresses with plus tags and sub-domains', () => {
    expect(values('User test.user+tag@sub.domain.co.uk logged in')).toEqual(['test.user+tag@sub.domain.co.uk']);
  });

  it('finds every address in a text, including inside brackets', () => {
    expect(values('first@test.com and <second@test.net>, then third@example.org.')).toEqual([
      'first@test.com',
      'second@test.net',
      'third@example.org',
    ]);
  });

  it('accepts internationalized domains and IPv4 literals', () => {
    expect(values('user@会社.jp works')).toEqual(['user@会社.jp']);
    expect(values('logs at user@192.168.1.100 today')).toEqual(['user@192.168.1.100']);
  });

  it('ignores a domain without a top-level domain and plain URLs', () => {
    expect(values('Invalid email: not@email without TLD')).toEqual([]);
    expect(values('URL: https://example.com/page should not be detected')).toEqual([]);
  });

  it('rejects local parts with leading, trailing or doubled dots', () => {
    expect(values('a..b@example.com')).toEqual([]);
  });

  it('labels spans EMAIL_ADDRESS with an exclusive end', () => {
    expect(detectEmails('mail jo@example.com')).toEqual([
      expect.objectContaining({ type: 'EMAIL_ADDRESS', start: 5, end: 19, ruleId: 'pii.email' }),
    ]);
  });
});
