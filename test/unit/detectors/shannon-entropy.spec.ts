import { shannonEntropy } from '../../../src/guardrails/vendors/detectors/shannon-entropy';

describe(shannonEntropy.name, () => {
  it('is 0 for empty or single-character strings', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
  });

  it('is log2 of the alphabet size for uniformly distributed characters', () => {
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });
});
