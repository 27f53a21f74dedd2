import { detectPii } from '../../../src/guardrails/vendors/detectors/pii.detector';

const typed = (text: string, spans: ReturnType<typeof detectPii>): string[] =>
  spans.map((span) => `${span.type}:${text.slice(span.start, span.end)}`);

describe(detectPii.name, () => {
  it('finds every covered entity type in one text', () => {
    const text =
      'Mail jo@example.com or call +44 20 7946 0958; card 4532015112830366, IBAN GB82WEST12345698765432, SSN 460-89-9847, host 10.0.0.1';
    expect(typed(text, detectPii(text))).toEqual([
      'EMAIL_ADDRESS:jo@example.com',
      'PHONE_NUMBER:+44 20 7946 0958',
      'CREDIT_CARD:4532015112830366',
      'IBAN_CODE:GB82WEST12345698765432',
      'US_SSN:460-89-9847',
      'IP_ADDRESS:10.0.0.1',
    ]);
  });

  it('prefers the more specific entity when detections overlap', () => {
    const text = 'Check logs at user@192.168.1.100 for details';
    expect(typed(text, detectPii(text))).toEqual(['EMAIL_ADDRESS:user@192.168.1.100']);
  });

  it('does not report a card as a phone number when only phones are wanted', () => {
    const text = 'Phone: 4532015112830366';
    expect(detectPii(text, { entities: ['PHONE_NUMBER'] })).toEqual([]);
  });

  it('reports only the requested entities', () => {
    const text = 'jo@example.com 10.0.0.1';
    expect(typed(text, detectPii(text, { entities: ['IP_ADDRESS'] }))).toEqual(['IP_ADDRESS:10.0.0.1']);
  });

  it('exempts allow-listed values, exact or by regex', () => {
    const text = 'support@example.com, jo@acme.test and 10.0.0.1';
    const spans = detectPii(text, { allowList: ['support@example.com', '/^10\\./'] });
    expect(typed(text, spans)).toEqual(['EMAIL_ADDRESS:jo@acme.test']);
  });
});
