import type { ChatMessage } from '../../guardrail.types';
import { mapTextSlots } from '../../message-text';
import { utf16Offset } from '../screened-text';

/** One PII match reported by Lakera, in the coordinates of the message text as sent. */
export interface PiiSpan {
  start: number;
  end: number;
  text: string;
  detectorType: string;
}

/** A located, non-overlapping stretch of text to replace, in UTF-16 units of the message text. */
export interface MaskRange {
  start: number;
  end: number;
  label: string;
}

/** `pii/credit_card` -> `[MASKED CREDIT_CARD]` */
export function maskLabel(detectorType: string): string {
  const type = detectorType.split('/').pop() ?? detectorType;
  return `[MASKED ${type.toUpperCase()}]`;
}

/**
 * Finds every span in `text`: the offsets must lie in bounds and the slice must equal the reported text.
 * Returns undefined when any span cannot be found, so the caller can refuse to pass the message on half-masked.
 */
export function locateSpans(text: string, spans: readonly PiiSpan[]): MaskRange[] | undefined {
  const ranges: MaskRange[] = [];
  for (const span of spans) {
    const range = locateSpan(text, span);
    if (!range) {
      return undefined;
    }
    ranges.push(range);
  }
  return mergeOverlapping(ranges);
}

/** Replaces the ranges right to left, so earlier offsets stay valid. */
export function applyRanges(text: string, ranges: readonly MaskRange[]): string {
  let masked = text;
  for (const range of [...ranges].sort((a, b) => b.start - a.start)) {
    masked = masked.slice(0, range.start) + range.label + masked.slice(range.end);
  }
  return masked;
}

/**
 * Masks a message by ranges over its inspected text (`textOf`: its text slots joined by one newline). Each slot (a
 * text part, tool call arguments) gets the pieces of the ranges that fall inside it.
 */
export function maskMessage(message: ChatMessage, ranges: readonly MaskRange[]): ChatMessage {
  let offset = 0;
  return mapTextSlots(message, (text) => {
    const slotStart = offset;
    const slotEnd = offset + text.length;
    offset = slotEnd + 1;
    const local = ranges
      .filter((range) => range.start < slotEnd && range.end > slotStart)
      .map((range) => ({
        start: Math.max(range.start, slotStart) - slotStart,
        end: Math.min(range.end, slotEnd) - slotStart,
        label: range.label,
      }));
    return local.length > 0 ? applyRanges(text, local) : text;
  });
}

function locateSpan(text: string, span: PiiSpan): MaskRange | undefined {
  const label = maskLabel(span.detectorType);
  if (sliceMatches(text, span.start, span.end, span.text)) {
    return { start: span.start, end: span.end, label };
  }
  // Lakera's offset unit is undocumented: Python clients count code points, JS strings count UTF-16 units.
  // They differ only after a non-BMP character (emoji), so try code points before giving up.
  const start = utf16Offset(text, span.start);
  const end = utf16Offset(text, span.end);
  if (start !== undefined && end !== undefined && sliceMatches(text, start, end, span.text)) {
    return { start, end, label };
  }
  return undefined;
}

function sliceMatches(text: string, start: number, end: number, expected: string): boolean {
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    start < end &&
    end <= text.length &&
    text.slice(start, end) === expected
  );
}

function mergeOverlapping(ranges: MaskRange[]): MaskRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: MaskRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start < last.end) {
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
