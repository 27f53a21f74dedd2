import { maskSpans } from './vendors/detectors/mask-spans';
import { detectPii } from './vendors/detectors/pii.detector';
import { resolveOverlappingSpans } from './vendors/detectors/resolve-overlapping-spans';
import { detectSecrets } from './vendors/detectors/secrets.detector';

/** Masks PII and secrets found by the built-in detectors, so stored excerpts never hold them. */
export function redactSensitiveText(text: string): string {
  const spans = resolveOverlappingSpans([...detectSecrets(text), ...detectPii(text)]);
  return spans.length === 0 ? text : maskSpans(text, spans, 'REDACTED');
}
