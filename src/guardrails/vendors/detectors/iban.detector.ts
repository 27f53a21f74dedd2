import type { DetectedSpan, NamedPattern } from './detected-span';
import { passesIbanChecksum } from './iban-checksum';
import { IBAN_LENGTHS } from './iban-lengths';

// Country code, check digits, then up to 30 characters with optional single spaces; cut to the country's length below.
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/gu;

export const IBAN_PATTERNS: readonly NamedPattern[] = [{ name: 'iban', pattern: IBAN_CANDIDATE }];

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[\p{L}\p{N}]$/u.test(char);
}

/** IBANs whose mod-97 checksum holds, in any case, written as one block or in space-separated groups. */
export function detectIbans(text: string): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const candidate = match[0];
    const length = IBAN_LENGTHS[candidate.slice(0, 2).toUpperCase()];
    if (length === undefined) {
      continue;
    }
    let compact = '';
    let end = 0;
    while (end < candidate.length && compact.length < length) {
      if (candidate[end] !== ' ') {
        compact += candidate[end];
      }
      end++;
    }
    const absoluteEnd = match.index + end;
    if (compact.length !== length || isAlphanumeric(text[absoluteEnd]) || !passesIbanChecksum(compact)) {
      continue;
    }
    spans.push({ type: 'IBAN_CODE', start: match.index, end: absoluteEnd, score: 1, ruleId: 'pii.iban.mod97' });
  }
  return spans;
}
