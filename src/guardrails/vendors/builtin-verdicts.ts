import type { Verdict } from '../guardrail.types';
import type { DetectionSummary } from './detectors/span-inspection';

/**
 * The verdicts the built-in guardrails answer with. Their vendor response is `{ flagged, detections }`: summaries of
 * what was found, never the matched text. It is Warden's own JSON (block bodies, the violation log, the test panel), so
 * its names are snake_case like the rest: `rule_id`, as in the admin API's findings.
 */

export type FlaggedVerdict = Extract<Verdict, { outcome: 'flagged' }>;

/** Runs a (synchronous) detector pass; a throw becomes a `detector_error` verdict, since guardrails never throw. */
export function inspectSafely(detector: string, inspect: () => Verdict): Promise<Verdict> {
  try {
    return Promise.resolve(inspect());
  } catch (error) {
    return Promise.resolve({
      outcome: 'error',
      message: `${detector} detector failed: ${(error as Error).message}`,
      code: 'detector_error',
    });
  }
}

export function nothingDetected(): Verdict {
  return { outcome: 'pass', vendorResponse: { flagged: false, detections: [] } };
}

export function flaggedDetections(detector: string, detections: DetectionSummary[]): FlaggedVerdict {
  return {
    outcome: 'flagged',
    findings: detections.map((summary) => ({ detector, ...summary })),
    vendorResponse: { flagged: true, detections: detections.map(toWireDetection) },
  };
}

/** A detection summary as it is written in JSON. */
export interface WireDetection {
  type: string;
  count: number;
  rule_id?: string;
  score?: number;
}

function toWireDetection({ type, count, ruleId, score }: DetectionSummary): WireDetection {
  return {
    type,
    count,
    ...(ruleId === undefined ? {} : { rule_id: ruleId }),
    ...(score === undefined ? {} : { score }),
  };
}
