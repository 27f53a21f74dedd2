import type { GuardInput, Verdict } from '../guardrail.types';
import type { DetectedSpan } from './detectors/detected-span';
import { detectInGuardInput, type DetectionSummary, type SpanDetector } from './detectors/span-inspection';

/**
 * The verdicts the built-in guardrails answer with. Their vendor response is `{ flagged, detections }`: summaries of
 * what was found, never the matched text. It is Warden's own JSON (block bodies, the violation log, the test panel), so
 * its names are snake_case like the rest: `rule_id`, as in the admin API's findings.
 */

export type FlaggedVerdict = Extract<Verdict, { outcome: 'flagged' }>;
type FlagLocation = FlaggedVerdict['flaggedIn'];

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

export function flaggedDetections(
  detector: string,
  detections: DetectionSummary[],
  flaggedIn?: FlagLocation,
): FlaggedVerdict {
  return {
    outcome: 'flagged',
    findings: detections.map((summary) => ({ detector, ...summary })),
    vendorResponse: { flagged: true, detections: detections.map(toWireDetection) },
    ...(flaggedIn !== undefined ? { flaggedIn } : {}),
  };
}

/** A verdict's `flaggedIn` from whether something was found in the input and in the response: none when both. */
export function flagLocation(foundInInput: boolean, foundInResponse: boolean): FlagLocation {
  if (foundInInput === foundInResponse) {
    return undefined;
  }
  return foundInInput ? 'input' : 'response';
}

/** Every span in the messages' text and, after the call, in the response; and which of the two they were in. */
export function detectWithLocation(
  input: GuardInput,
  detect: SpanDetector,
): { spans: DetectedSpan[]; flaggedIn: FlagLocation } {
  const inInput = detectInGuardInput({ messages: input.messages }, detect);
  const inResponse = typeof input.response === 'string' ? detect(input.response) : [];
  return {
    spans: [...inInput, ...inResponse],
    flaggedIn: flagLocation(inInput.length > 0, inResponse.length > 0),
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
