import type { Finding } from '../../guardrail.types';
import { isRecord } from '../vendor-params';
import { tallyFindings } from '../vendor-verdicts';

/** One `/analyze` result: offsets in code points, `end` exclusive. */
export interface Detection {
  entity_type: string;
  start: number;
  end: number;
  score: number;
}

/** `/analyze` answers a JSON array of results; undefined when the body is anything else. */
export function readDetections(body: unknown): Detection[] | undefined {
  if (!Array.isArray(body)) {
    return undefined;
  }
  const detections: Detection[] = [];
  for (const item of body) {
    if (
      !isRecord(item) ||
      typeof item.entity_type !== 'string' ||
      !Number.isInteger(item.start) ||
      !Number.isInteger(item.end) ||
      typeof item.score !== 'number'
    ) {
      return undefined;
    }
    detections.push({
      entity_type: item.entity_type,
      start: item.start as number,
      end: item.end as number,
      score: item.score,
    });
  }
  return detections;
}

/** `/anonymize` answers `{text, items}`; the new text, or undefined. */
export function readAnonymizedText(body: unknown): string | undefined {
  return isRecord(body) && typeof body.text === 'string' ? body.text : undefined;
}

export interface Filters {
  denyList: readonly string[];
  thresholds: Readonly<Record<string, number>>;
}

/** LiteLLM's client-side filter: the deny list, then the entity's threshold, else `ALL`'s. */
export function keptDetections(detections: readonly Detection[], filters: Filters): Detection[] {
  return detections.filter((detection) => {
    if (filters.denyList.includes(detection.entity_type)) {
      return false;
    }
    const threshold = filters.thresholds[detection.entity_type] ?? filters.thresholds.ALL;
    return threshold === undefined || detection.score >= threshold;
  });
}

export function findingsOf(detections: readonly Detection[]): Finding[] {
  return tallyFindings(
    detections.map((detection) => ({ detector: 'presidio', type: detection.entity_type, score: detection.score })),
  );
}

/**
 * What the violation log keeps of Presidio's answers: entity types, offsets, scores and the action each got; never
 * the matched text (Presidio's anonymize items carry replacement text, which `mask` leaves partly readable).
 */
export function vendorResponseOf(
  detections: ReadonlyArray<Detection & { text: number }>,
  actionOf: (entity: string) => 'MASK' | 'BLOCK',
): Record<string, unknown> {
  return {
    detections: detections.map((detection) => ({
      entity_type: detection.entity_type,
      score: detection.score,
      start: detection.start,
      end: detection.end,
      text_index: detection.text,
      action: actionOf(detection.entity_type),
    })),
  };
}
