import type { DetectedSpan } from './detected-span';

/** Index of the first span in `sorted` (non-overlapping, by start) whose end is after `start`. */
function firstEndingAfter(sorted: readonly DetectedSpan[], start: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle].end <= start) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * Keeps one span per overlapping region: the one whose type ranks highest in `typePriority`
 * (more specific detectors first), then the longer one, then the earlier one. Returns spans sorted by start.
 */
export function resolveOverlappingSpans(
  spans: readonly DetectedSpan[],
  typePriority: readonly string[] = [],
): DetectedSpan[] {
  const rank = (span: DetectedSpan): number => {
    const index = typePriority.indexOf(span.type);
    return index === -1 ? typePriority.length : index;
  };
  const byPreference = [...spans].sort(
    (a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: DetectedSpan[] = [];
  for (const span of byPreference) {
    const index = firstEndingAfter(kept, span.start);
    if (index < kept.length && kept[index].start < span.end) {
      continue;
    }
    kept.splice(index, 0, span);
  }
  return kept;
}
