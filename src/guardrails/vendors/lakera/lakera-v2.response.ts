import type { Finding } from '../../guardrail.types';
import type { PiiSpan } from './lakera-mask';
import { isRecord } from '../vendor-params';
import { tallyFindings } from '../vendor-verdicts';

/** Readers for the parts of a Lakera `/v2/guard` answer beyond `flagged`, tolerant of missing or odd items. */

export interface BreakdownItem {
  detectorId?: string;
  detectorType: string;
  detected: boolean;
  /** The message (index as sent) the detector ran on; absent when the answer has none (`null` seen in a fixture). */
  messageId?: number;
}

export type MessageSpans = Map<number, PiiSpan[]>;

export function readBreakdown(breakdown: unknown): BreakdownItem[] {
  if (!Array.isArray(breakdown)) {
    return [];
  }
  return breakdown.flatMap((item): BreakdownItem[] =>
    isRecord(item) && typeof item.detector_type === 'string' && typeof item.detected === 'boolean'
      ? [
          {
            detectorType: item.detector_type,
            detected: item.detected,
            ...(typeof item.detector_id === 'string' ? { detectorId: item.detector_id } : {}),
            ...(Number.isInteger(item.message_id) ? { messageId: item.message_id as number } : {}),
          },
        ]
      : [],
  );
}

export function findingsOf(breakdown: readonly BreakdownItem[]): Finding[] {
  const detected = breakdown.filter((item) => item.detected);
  if (detected.length === 0) {
    return [{ detector: 'lakera_guard', type: 'flagged', count: 1 }];
  }
  return tallyFindings(
    detected.map((item) => ({ detector: item.detectorId ?? 'lakera_guard', type: item.detectorType })),
  );
}

/** PII-only: the breakdown ran, something was detected, and every detected type is `pii/*`. */
export function isPiiOnly(breakdown: readonly BreakdownItem[]): boolean {
  const detected = breakdown.filter((item) => item.detected);
  return detected.length > 0 && detected.every((item) => item.detectorType.startsWith('pii/'));
}

/**
 * The `pii/*` spans of `payload[]`, grouped by `message_id`.
 * Undefined when a PII item is malformed: masking around an unreadable span would let it through.
 */
export function piiSpansByMessage(payload: unknown): MessageSpans | undefined {
  if (!Array.isArray(payload)) {
    return undefined;
  }
  const spans: MessageSpans = new Map();
  for (const item of payload) {
    if (!isRecord(item) || typeof item.detector_type !== 'string') {
      return undefined;
    }
    if (!item.detector_type.startsWith('pii/')) {
      continue;
    }
    const { start, end, text, message_id: messageId } = item;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string') {
      return undefined;
    }
    if (typeof messageId !== 'number' || !Number.isInteger(messageId)) {
      return undefined;
    }
    const list = spans.get(messageId) ?? [];
    list.push({ start, end, text, detectorType: item.detector_type });
    spans.set(messageId, list);
  }
  return spans;
}

/** What Warden keeps of the answer: everything but `payload`, which quotes the matched PII. */
export function withoutPayload(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'payload'));
}
