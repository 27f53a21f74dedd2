import { detectPhoneNumbers } from '../../../src/guardrails/vendors/detectors/phone.detector';

const values = (text: string): string[] => detectPhoneNumbers(text).map((span) => text.slice(span.start, span.end));

describe(detectPhoneNumbers.name, () => {
  it('finds international numbers without any context', () => {
    expect(values('Reach the desk via +44 20 7946 0958 anytime')).toEqual(['+44 20 7946 0958']);
    expect(values('+1-415-555-2671')).toEqual(['+1-415-555-2671']);
  });

  it('finds valid US numbers in the usual layouts', () => {
    expect(values('I would like to stop receiving messages to 541-714-1388')).toEqual(['541-714-1388']);
    expect(values('Our line is (212) 555-0143 today')).toEqual(['(212) 555-0143']);
  });

  it('finds national numbers with a trunk 0 that libphonenumber validates', () => {
    expect(values('Ring 020 7946 0958 about it')).toEqual(['020 7946 0958']);
    expect(values('le 01 42 68 53 00 est fermé')).toEqual(['01 42 68 53 00']);
  });

  it('finds short local numbers only next to a phone word', () => {
    expect(values('Phone: 467 3395')).toEqual(['467 3395']);
    expect(values('Can someone call me on 9472 7916? Thanks')).toEqual(['9472 7916']);
    expect(values('781 1704 office')).toEqual(['781 1704']);
    expect(values('The room number is 467 3395 in block C')).toEqual([]);
  });

  it('keeps extensions with the number', () => {
    expect(values('Fax: 345-899-3560x4587')).toEqual(['345-899-3560x4587']);
  });

  it('ignores dates, street numbers and bare digit runs', () => {
    expect(values('Date: 1978-04-13 12:20:39')).toEqual([]);
    expect(values('The office is at 17031 2202 Rissik St')).toEqual([]);
    expect(values('Billing address: 03262 2437 Main St')).toEqual([]);
    expect(values('Account: 1234567890 is not a credit card')).toEqual([]);
    expect(values('Order 1234567890123456 shipped')).toEqual([]);
  });
});
