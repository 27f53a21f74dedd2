import type { DetectedSpan } from './detected-span';

/**
 * Replaces each span with `[<label> <TYPE>]`, e.g. `[MASKED EMAIL_ADDRESS]`. Spans must not overlap
 * (see resolveOverlappingSpans); they are applied right to left so earlier offsets stay valid.
 */
export function maskSpans(text: string, spans: readonly DetectedSpan[], label: string): string {
  let masked = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    masked = `${masked.slice(0, span.start)}[${label} ${span.type}]${masked.slice(span.end)}`;
  }
  return masked;
}
