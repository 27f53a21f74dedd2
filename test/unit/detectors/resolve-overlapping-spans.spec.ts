import { resolveOverlappingSpans } from '../../../src/guardrails/vendors/detectors/resolve-overlapping-spans';

describe(resolveOverlappingSpans.name, () => {
  it('keeps the span whose type comes first in the priority list', () => {
    const spans = [
      { type: 'IP_ADDRESS', start: 5, end: 18 },
      { type: 'EMAIL_ADDRESS', start: 0, end: 18 },
    ];
    expect(resolveOverlappingSpans(spans, ['EMAIL_ADDRESS', 'IP_ADDRESS'])).toEqual([spans[1]]);
  });

  it('keeps the longer span when types rank the same', () => {
    const spans = [
      { type: 'X', start: 0, end: 4 },
      { type: 'X', start: 2, end: 10 },
    ];
    expect(resolveOverlappingSpans(spans)).toEqual([spans[1]]);
  });

  it('keeps spans that only touch, sorted by start', () => {
    const spans = [
      { type: 'X', start: 4, end: 8 },
      { type: 'X', start: 0, end: 4 },
    ];
    expect(resolveOverlappingSpans(spans)).toEqual([spans[1], spans[0]]);
  });
});
