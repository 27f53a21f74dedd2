import { rateOf } from '../../../eval/injection-eval';
import { medianLatencyMs, promptsOfSize } from '../../../eval/latency';
import { sampleEvery } from '../../../eval/load-datasets';
import { evaluatePii, normalizeGoldSpan } from '../../../eval/pii-eval';
import { countSpanMatches, emptyCounts, scoreCounts, type TypeCounts } from '../../../eval/span-metrics';

describe(countSpanMatches.name, () => {
  const covered = new Set(['EMAIL_ADDRESS', 'PHONE_NUMBER']);
  const count = (gold: Parameters<typeof countSpanMatches>[0], detected: Parameters<typeof countSpanMatches>[1]) => {
    const counts = new Map<string, TypeCounts>();
    countSpanMatches(gold, detected, covered, counts);
    return Object.fromEntries(counts);
  };

  it('counts an overlapping detection of the same type as a true positive', () => {
    expect(
      count([{ type: 'EMAIL_ADDRESS', start: 0, end: 10 }], [{ type: 'EMAIL_ADDRESS', start: 2, end: 12 }]),
    ).toEqual({
      EMAIL_ADDRESS: { ...emptyCounts(), truePositives: 1 },
    });
  });

  it('counts a detection overlapping only an uncovered gold type as a false positive, noted separately', () => {
    expect(
      count([{ type: 'US_DRIVER_LICENSE', start: 0, end: 12 }], [{ type: 'PHONE_NUMBER', start: 0, end: 12 }]),
    ).toEqual({
      PHONE_NUMBER: { ...emptyCounts(), falsePositives: 1, falsePositivesOnUncoveredGold: 1 },
    });
  });

  it('counts a gold span of another type than the detection as missed', () => {
    expect(count([{ type: 'EMAIL_ADDRESS', start: 0, end: 5 }], [{ type: 'PHONE_NUMBER', start: 0, end: 5 }])).toEqual({
      PHONE_NUMBER: { ...emptyCounts(), falsePositives: 1 },
      EMAIL_ADDRESS: { ...emptyCounts(), falseNegatives: 1 },
    });
  });
});

describe(scoreCounts.name, () => {
  it('computes precision and recall, and 1 when there is nothing to count', () => {
    expect(scoreCounts({ ...emptyCounts(), truePositives: 3, falsePositives: 1, falseNegatives: 3 })).toEqual({
      precision: 0.75,
      recall: 0.5,
    });
    expect(scoreCounts(emptyCounts())).toEqual({ precision: 1, recall: 1 });
  });
});

describe(evaluatePii.name, () => {
  it('maps dataset type names once and reports uncovered types as not covered', () => {
    const result = evaluatePii(
      [
        {
          text: 'jo@x.io, Ann',
          source: 't',
          spans: [
            { start: 0, end: 7, type: 'email' },
            { start: 9, end: 12, type: 'PERSON' },
          ],
        },
      ],
      () => [{ type: 'EMAIL_ADDRESS', start: 0, end: 7 }],
    );
    expect(result.counts.get('EMAIL_ADDRESS')).toEqual({ ...emptyCounts(), truePositives: 1 });
    expect(result.notCovered).toEqual(new Map([['PERSON', 1]]));
    expect(normalizeGoldSpan({ start: 0, end: 1, type: 'credit_card' }).type).toBe('CREDIT_CARD');
  });
});

describe('evaluation helpers', () => {
  it('rateOf counts flagged rows', () => {
    expect(rateOf([true, false, true, true])).toEqual({ flagged: 3, total: 4, rate: 0.75 });
    expect(rateOf([])).toEqual({ flagged: 0, total: 0, rate: 0 });
  });

  it('sampleEvery keeps rows 0, n, 2n, ...', () => {
    expect(sampleEvery([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([0, 3, 6]);
  });

  it('promptsOfSize builds prompts of exactly the requested length', () => {
    expect(promptsOfSize(['ab', 'cde'], 7, 3).map((prompt) => prompt.length)).toEqual([7, 7, 7]);
  });

  it('medianLatencyMs returns a non-negative median', () => {
    expect(medianLatencyMs(() => undefined, 11, 1)).toBeGreaterThanOrEqual(0);
  });
});
