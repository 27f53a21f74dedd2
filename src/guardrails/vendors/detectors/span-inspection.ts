import type { ChatMessage, GuardInput, Rewrite } from '../../guardrail.types';
import { rewriteText, textOf } from '../../message-text';
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
 * A rewrite that changes nothing must not stand in for a block (e.g. a span found only across two text parts), so
 * then `verdict` is returned as it is.
 */
export function withMaskedInput<V extends { rewrite?: Rewrite }>(
  verdict: V,
  input: GuardInput,
  detect: SpanDetector,
  label: string,
  shouldMask: (span: DetectedSpan) => boolean = () => true,
): V {
  const rewrite = maskGuardInput(input, detect, label, shouldMask);
  return rewrite.messages !== undefined || rewrite.response !== undefined ? { ...verdict, rewrite } : verdict;
}

/**
 * The input with every span `shouldMask` accepts masked. Only what changed is returned: `messages` (all of them, in
 * order) when a message changed, `response` when the response did.
 */
function maskGuardInput(
  input: GuardInput,
  detect: SpanDetector,
  label: string,
  shouldMask: (span: DetectedSpan) => boolean,
): Rewrite {
  const mask = (text: string): string => maskSpans(text, detect(text).filter(shouldMask), label);
  const rewrite: Rewrite = {};
  let messagesChanged = false;
  const messages: ChatMessage[] = input.messages.map((message) => {
    const rewritten = rewriteText(message, mask);
    if (textOf(rewritten) !== textOf(message)) {
      messagesChanged = true;
    }
    return rewritten;
  });
  if (messagesChanged) {
    rewrite.messages = messages;
  }
  if (typeof input.response === 'string') {
    const response = mask(input.response);
    if (response !== input.response) {
      rewrite.response = response;
    }
  }
  return rewrite;
}
