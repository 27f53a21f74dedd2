import type { ChatMessage, GuardInput, Rewrite } from '../../guardrail.types';
import { mapTextSlots, textOf } from '../../message-text';
import type { DetectedSpan } from './detected-span';
import { maskSpans } from './mask-spans';

/** What a built-in guardrail reports about one kind of detection: never the matched text. */
export interface DetectionSummary {
  type: string;
  count: number;
  ruleId?: string;
  score?: number;
}

export type SpanDetector = (text: string) => DetectedSpan[];

/** Every span found in the messages' text and, after the call, in the response. */
export function detectInGuardInput(input: GuardInput, detect: SpanDetector): DetectedSpan[] {
  const spans = input.messages.flatMap((message) => detect(textOf(message)));
  if (typeof input.response === 'string') {
    spans.push(...detect(input.response));
  }
  return spans;
}

/** Spans grouped by type and rule: how many, and the highest score. */
export function summarizeSpans(spans: readonly DetectedSpan[]): DetectionSummary[] {
  const byKey = new Map<string, DetectionSummary>();
  for (const span of spans) {
    const key = `${span.type}\u0000${span.ruleId ?? ''}`;
    const summary = byKey.get(key) ?? { type: span.type, count: 0, ...(span.ruleId ? { ruleId: span.ruleId } : {}) };
    summary.count++;
    if (span.score !== undefined) {
      summary.score = Math.max(summary.score ?? 0, span.score);
    }
    byKey.set(key, summary);
  }
  return [...byKey.values()];
}

/**
 * `verdict` with the input masked as its rewrite: every span `shouldMask` accepts replaced by `[<label> <TYPE>]`.
 * Detection reads a message's text slots joined, masking works slot by slot; when that masks fewer spans than were
 * detected (a span across two text parts, or one that needs context from the slot before), the rewrite would send
 * some on as they are, so then `verdict` is returned as it is and the flag blocks.
 */
export function withMaskedInput<V extends { rewrite?: Rewrite }>(
  verdict: V,
  input: GuardInput,
  detect: SpanDetector,
  label: string,
  shouldMask: (span: DetectedSpan) => boolean = () => true,
): V {
  const rewrite = maskGuardInput(input, detect, label, shouldMask);
  return rewrite && (rewrite.messages !== undefined || rewrite.response !== undefined)
    ? { ...verdict, rewrite }
    : verdict;
}

/**
 * The input with every span `shouldMask` accepts masked, or undefined when some could not be. Only what changed is
 * returned: `messages` (all of them, in order) when a message changed, `response` when the response did.
 */
function maskGuardInput(
  input: GuardInput,
  detect: SpanDetector,
  label: string,
  shouldMask: (span: DetectedSpan) => boolean,
): Rewrite | undefined {
  let detected = 0;
  let masked = 0;
  const mask = (text: string): string => {
    const spans = detect(text).filter(shouldMask);
    masked += spans.length;
    return spans.length === 0 ? text : maskSpans(text, spans, label);
  };
  const rewrite: Rewrite = {};
  let messagesChanged = false;
  const messages: ChatMessage[] = input.messages.map((message) => {
    detected += detect(textOf(message)).filter(shouldMask).length;
    const rewritten = mapTextSlots(message, mask);
    messagesChanged ||= rewritten !== message;
    return rewritten;
  });
  if (messagesChanged) {
    rewrite.messages = messages;
  }
  if (typeof input.response === 'string') {
    const response = mask(input.response);
    detected += detect(input.response).filter(shouldMask).length;
    if (response !== input.response) {
      rewrite.response = response;
    }
  }
  return masked < detected ? undefined : rewrite;
}
