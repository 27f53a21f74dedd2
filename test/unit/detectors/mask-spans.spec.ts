import fc from 'fast-check';
import { detectEmails } from '../../../src/guardrails/vendors/detectors/email.detector';
import { maskSpans } from '../../../src/guardrails/vendors/detectors/mask-spans';

describe(maskSpans.name, () => {
  it('replaces each span with the label and type, right to left', () => {
    const text = 'a jo@x.io b 10.0.0.1 c';
    const spans = [
      { type: 'EMAIL_ADDRESS', start: 2, end: 9 },
      { type: 'IP_ADDRESS', start: 12, end: 20 },
    ];
    expect(maskSpans(text, spans, 'MASKED')).toBe('a [MASKED EMAIL_ADDRESS] b [MASKED IP_ADDRESS] c');
  });

  it('does not depend on the order the spans are given in', () => {
    const spans = [
      { type: 'B', start: 4, end: 5 },
      { type: 'A', start: 0, end: 1 },
    ];
    expect(maskSpans('x123y', spans, 'REDACTED')).toBe('[REDACTED A]123[REDACTED B]');
  });

  it('leaves text without spans unchanged', () => {
    expect(maskSpans('nothing here', [], 'MASKED')).toBe('nothing here');
  });

  it('leaves no detectable e-mail behind (property)', () => {
    const local = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    const filler = fc.stringMatching(/^[a-z ,.]{0,20}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, local), { maxLength: 5 }), (parts) => {
        const text = parts.map(([before, name]) => `${before} ${name}@example.com `).join('');
        const masked = maskSpans(text, detectEmails(text), 'MASKED');
        expect(detectEmails(masked)).toEqual([]);
      }),
    );
  });
});
