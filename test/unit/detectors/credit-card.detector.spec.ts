import { detectCreditCards } from '../../../src/guardrails/vendors/detectors/credit-card.detector';

const values = (text: string): string[] => detectCreditCards(text).map((span) => text.slice(span.start, span.end));

describe(detectCreditCards.name, () => {
  it('finds Luhn-valid numbers written together', () => {
    expect(values('Payment with card 4532015112830366 was processed')).toEqual(['4532015112830366']);
  });

  it('accepts spaces, dashes or dots between groups of four', () => {
    expect(values('card 4532 0151 1283 0366 ok')).toEqual(['4532 0151 1283 0366']);
    expect(values('Card number: 5555-5555-5555-4444 expires 12/25')).toEqual(['5555-5555-5555-4444']);
    expect(values('Mixed format 5555.5555.5555.4444')).toEqual(['5555.5555.5555.4444']);
  });

  it('accepts the 4-6-5 American Express grouping', () => {
    expect(values('AmEx card 3782 822463 10005 for business')).toEqual(['3782 822463 10005']);
  });

  it('ignores Luhn-invalid 16-digit numbers', () => {
    expect(values('Invalid card: 1234567890123456 should not pass Luhn')).toEqual([]);
  });

  it('drops a trailing group that is not part of the number', () => {
    expect(values('Order #4532015112830366-001 contains card number')).toEqual(['4532015112830366']);
  });

  it('ignores phone-style groupings and mixed separators even when Luhn-valid', () => {
    expect(values('call 21 284 698 2548 now')).toEqual([]);
    expect(values('4532-0151 1283.0366')).toEqual([]);
  });

  it('ignores digits glued to letters or a plus sign', () => {
    expect(values('id U4532015112830366 and +4532015112830366')).toEqual([]);
  });
});
