import { passesLuhn } from '../../../src/guardrails/vendors/detectors/luhn';

describe(passesLuhn.name, () => {
  it('accepts valid card numbers', () => {
    expect(passesLuhn('4532015112830366')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
  });

  it('rejects a number with one digit changed', () => {
    expect(passesLuhn('4532015112830367')).toBe(false);
  });

  it('rejects the empty string', () => {
    expect(passesLuhn('')).toBe(false);
  });
});
