import type { DetectedSpan } from '../src/guardrails/vendors/detectors/detected-span';
import type { GoldSpan } from './dataset.types';

export interface TypeCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** False positives that overlap a gold span of a type the detector does not cover (e.g. a driver licence). */
  falsePositivesOnUncoveredGold: number;
}

export interface SpanScore {
  precision: number;
  recall: number;
}

export function emptyCounts(): TypeCounts {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, falsePositivesOnUncoveredGold: 0 };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/**
 * Overlap matching: a detection is a true positive when it overlaps a gold span of the same type, else a false
 * positive; a gold span no detection of its type overlaps is a false negative. Only `coveredTypes` are counted.
 */
export function countSpanMatches(
  gold: readonly GoldSpan[],
  detected: readonly DetectedSpan[],
  coveredTypes: ReadonlySet<string>,
  counts: Map<string, TypeCounts>,
): void {
  const countsFor = (type: string): TypeCounts => {
    const existing = counts.get(type);
    if (existing) {
      return existing;
    }
    const created = emptyCounts();
    counts.set(type, created);
    return created;
  };
  for (const detection of detected) {
    const typeCounts = countsFor(detection.type);
    if (gold.some((span) => span.type === detection.type && overlaps(span, detection))) {
      typeCounts.truePositives++;
    } else {
      typeCounts.falsePositives++;
      if (gold.some((span) => !coveredTypes.has(span.type) && overlaps(span, detection))) {
        typeCounts.falsePositivesOnUncoveredGold++;
      }
    }
  }
  for (const span of gold) {
    if (coveredTypes.has(span.type) && !detected.some((d) => d.type === span.type && overlaps(span, d))) {
      countsFor(span.type).falseNegatives++;
    }
  }
}

export function scoreCounts(counts: TypeCounts): SpanScore {
  const detected = counts.truePositives + counts.falsePositives;
  const gold = counts.truePositives + counts.falseNegatives;
  return {
    precision: detected === 0 ? 1 : counts.truePositives / detected,
    recall: gold === 0 ? 1 : counts.truePositives / gold,
  };
}
