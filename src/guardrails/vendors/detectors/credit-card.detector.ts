import type { DetectedSpan, NamedPattern } from './detected-span';
import { passesLuhn } from './luhn';

// A run of digits, each optionally preceded by one separator; validated and trimmed in code below.
const DIGIT_RUN = /(?<![\p{L}\p{N}_+])\d(?:[ .-]?\d){11,22}(?!\p{N})/gu;

export const CREDIT_CARD_PATTERNS: readonly NamedPattern[] = [{ name: 'credit-card', pattern: DIGIT_RUN }];

const MIN_DIGITS = 12;
const MAX_DIGITS = 19;

interface DigitGroup {
  digits: string;
  end: number;
}

function splitGroups(run: string): { groups: DigitGroup[]; separators: Set<string> } {
  const groups: DigitGroup[] = [];
  const separators = new Set<string>();
  let digits = '';
  for (let index = 0; index < run.length; index++) {
    const char = run[index];
    if (char >= '0' && char <= '9') {
      digits += char;
    } else {
      separators.add(char);
      groups.push({ digits, end: index });
      digits = '';
    }
  }
  groups.push({ digits, end: run.length });
  return { groups, separators };
}

/** Printed card numbers group digits in fours (the last group shorter), or 4-6-5 / 4-6-4 (Amex, Diners). */
function isCardGrouping(sizes: readonly number[]): boolean {
  if (sizes.length === 1) {
    return true;
  }
  const last = sizes[sizes.length - 1];
  if (sizes.slice(0, -1).every((size) => size === 4) && last >= 1 && last <= 4) {
    return true;
  }
  return sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 4 || sizes[2] === 5);
}

function isCardNumber(digits: string): boolean {
  return digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS && /^[1-6]/.test(digits) && passesLuhn(digits);
}

/**
 * Card numbers of 12-19 digits that pass Luhn, written together or grouped with one kind of separator.
 * A trailing group that breaks the checksum (`4532015112830366-001`) is dropped.
 */
export function detectCreditCards(text: string): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    const { groups, separators } = splitGroups(match[0]);
    if (separators.size > 1) {
      continue;
    }
    for (let count = groups.length; count >= 1; count--) {
      const kept = groups.slice(0, count);
      const digits = kept.map((group) => group.digits).join('');
      if (isCardGrouping(kept.map((group) => group.digits.length)) && isCardNumber(digits)) {
        const end = match.index + kept[kept.length - 1].end;
        spans.push({ type: 'CREDIT_CARD', start: match.index, end, score: 0.95, ruleId: 'pii.credit_card.luhn' });
        break;
      }
    }
  }
  return spans;
}
