import type { DetectedSpan } from '../src/guardrails/vendors/detectors/detected-span';
import type { SecretCase } from './secret-cases';
import { countSpanMatches, emptyCounts, type TypeCounts } from './span-metrics';

export interface SecretsEvaluation {
  total: TypeCounts;
  byType: Map<string, TypeCounts>;
  /** Ids of cases with a missed secret or a false alarm (no secret text: values are fake but still key-shaped). */
  failedCaseIds: string[];
}

export function evaluateSecrets(
  cases: readonly SecretCase[],
  detect: (text: string) => DetectedSpan[],
): SecretsEvaluation {
  const byType = new Map<string, TypeCounts>();
  const failedCaseIds: string[] = [];
  for (const secretCase of cases) {
    const gold = secretCase.secrets.map(({ type, value }) => {
      const start = secretCase.text.indexOf(value);
      return { type, start, end: start + value.length };
    });
    const detected = detect(secretCase.text);
    const perCase = new Map<string, TypeCounts>();
    const types = new Set<string>([...gold.map((span) => span.type), ...detected.map((span) => span.type)]);
    countSpanMatches(gold, detected, types, perCase);
    for (const [type, counts] of perCase) {
      const into = byType.get(type) ?? emptyCounts();
      into.truePositives += counts.truePositives;
      into.falsePositives += counts.falsePositives;
      into.falseNegatives += counts.falseNegatives;
      byType.set(type, into);
      if (counts.falsePositives > 0 || counts.falseNegatives > 0) {
        failedCaseIds.push(secretCase.id);
      }
    }
  }
  const total = emptyCounts();
  for (const counts of byType.values()) {
    total.truePositives += counts.truePositives;
    total.falsePositives += counts.falsePositives;
    total.falseNegatives += counts.falseNegatives;
  }
  return { total, byType, failedCaseIds: [...new Set(failedCaseIds)] };
}
