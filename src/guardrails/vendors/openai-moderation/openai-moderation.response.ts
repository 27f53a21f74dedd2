import type { Finding } from '../../guardrail.types';
import { isRecord } from '../vendor-params';
import { MODERATION_CATEGORIES } from './openai-moderation.spec';

export interface ModerationResult {
  flagged: boolean;
  categories: Record<string, unknown>;
  scores: Record<string, unknown>;
}

export interface ModerationPolicy {
  /** Only these categories flag; undefined: OpenAI's `flagged` decides, unless thresholds say otherwise. */
  categories?: readonly string[];
  thresholds: Readonly<Record<string, number>>;
}

/** `results[]`, each with a boolean `flagged`; undefined when the answer has another shape. */
export function readResults(body: Record<string, unknown>): ModerationResult[] | undefined {
  if (!Array.isArray(body.results) || body.results.length === 0) {
    return undefined;
  }
  const results: ModerationResult[] = [];
  for (const item of body.results as unknown[]) {
    if (!isRecord(item) || typeof item.flagged !== 'boolean') {
      return undefined;
    }
    results.push({
      flagged: item.flagged,
      categories: isRecord(item.categories) ? item.categories : {},
      scores: isRecord(item.category_scores) ? item.category_scores : {},
    });
  }
  return results;
}

/**
 * The categories that flag in one result. Without configured categories or thresholds it is OpenAI's decision (its
 * flagged categories). A category with a threshold flags at `score >= threshold`; one without follows OpenAI's
 * boolean (`null` on legacy models counts as false).
 */
export function flaggedCategories(result: ModerationResult, policy: ModerationPolicy): Finding[] {
  const custom = policy.categories !== undefined || Object.keys(policy.thresholds).length > 0;
  if (!custom && !result.flagged) {
    return [];
  }
  const considered = policy.categories ?? MODERATION_CATEGORIES;
  const hits = considered.filter((category) => {
    const threshold = policy.thresholds[category];
    const score = result.scores[category];
    return threshold !== undefined
      ? typeof score === 'number' && score >= threshold
      : result.categories[category] === true;
  });
  const findings = hits.map((category) => ({
    detector: 'openai_moderation',
    type: category,
    count: 1,
    ...(typeof result.scores[category] === 'number' ? { score: result.scores[category] } : {}),
  }));
  return !custom && findings.length === 0 ? [{ detector: 'openai_moderation', type: 'flagged', count: 1 }] : findings;
}
