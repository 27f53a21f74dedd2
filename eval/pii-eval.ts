import type { DetectedSpan } from '../src/guardrails/vendors/detectors/detected-span';
import { PII_ENTITY_TYPES } from '../src/guardrails/vendors/detectors/pii-entity-types';
import type { GoldSpan, PiiRow } from './dataset.types';
import { countSpanMatches, type TypeCounts } from './span-metrics';

/** Dataset type names mapped once to Warden's entity names; unmapped types keep their name ("not covered"). */
const DATASET_TYPE_NAMES: Readonly<Record<string, string>> = {
  email: 'EMAIL_ADDRESS',
  credit_card: 'CREDIT_CARD',
};

export function normalizeGoldSpan(span: GoldSpan): GoldSpan {
  return { ...span, type: DATASET_TYPE_NAMES[span.type] ?? span.type };
}

export interface PiiMiss {
  source: string;
  kind: 'false_positive' | 'false_negative';
  type: string;
  value: string;
}

export interface PiiEvaluation {
  counts: Map<string, TypeCounts>;
  /** Gold spans of types the detector does not cover, by type. */
  notCovered: Map<string, number>;
  misses: PiiMiss[];
}

export function evaluatePii(rows: readonly PiiRow[], detect: (text: string) => DetectedSpan[]): PiiEvaluation {
  const covered = new Set<string>(PII_ENTITY_TYPES);
  const counts = new Map<string, TypeCounts>(PII_ENTITY_TYPES.map((type) => [type, emptyTypeCounts()]));
  const notCovered = new Map<string, number>();
  const misses: PiiMiss[] = [];
  for (const row of rows) {
    const gold = row.spans.map(normalizeGoldSpan);
    const detected = detect(row.text);
    countSpanMatches(gold, detected, covered, counts);
    for (const span of gold) {
      if (!covered.has(span.type)) {
        notCovered.set(span.type, (notCovered.get(span.type) ?? 0) + 1);
      } else if (!detected.some((d) => d.type === span.type && d.start < span.end && span.start < d.end)) {
        misses.push({
          source: row.source,
          kind: 'false_negative',
          type: span.type,
          value: row.text.slice(span.start, span.end),
        });
      }
    }
    for (const d of detected) {
      if (!gold.some((span) => span.type === d.type && d.start < span.end && span.start < d.end)) {
        misses.push({
          source: row.source,
          kind: 'false_positive',
          type: d.type,
          value: row.text.slice(d.start, d.end),
        });
      }
    }
  }
  return { counts, notCovered, misses };
}

function emptyTypeCounts(): TypeCounts {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, falsePositivesOnUncoveredGold: 0 };
}
