import { isValidPhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { DetectedSpan, NamedPattern } from './detected-span';

// Optional +country code, optional (area code), then digit groups joined by one space, dot or dash, optional extension.
const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}+(._/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,14}(?:[ .-]\d{1,14}){0,6}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?(?!\p{N})/gu;
const EXTENSION = /[ ]?(?:x|ext\.?)[ ]?\d{1,6}$/u;
const DATE_INSIDE = /\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}/u;
const PHONE_WORD_BEFORE =
  /(?<!\p{L})(?:phone|telephone|tel|mobile|mob|cell|cellphone|call|calling|fax|contact|whatsapp|sms|text|message|messages|reach|dial|hotline|landline|answering|téléphone|teléfono|telefone|telefon|telefono|handy|móvil|celular|portable)(?!\p{L})/iu;
// Words that name a phone only as a label ("Office: ...", "Desk - ..."), not in prose ("the office is at 12 ...").
const PHONE_LABEL_BEFORE = /(?<!\p{L})(?:office|desk|home|work)[ \t]*[:\\,-]/iu;
const PHONE_LABEL_AFTER = /^[ \t]*(?:[-–(,][ \t]*)?(?:office|fax|mobile|cell|home|work|desk|tel)(?!\p{L})/iu;
const NANP_LAYOUT = /^(?:\(\d{3}\)[ ]?|\d{3}[-.])\d{3}[-.]\d{4}$/u;
const TRUNK_PREFIXED_LAYOUT = /^(?:\(0\d{1,4}\)|0\d{1,4})(?:[ .-]\d{1,5}){1,4}$/u;

export const PHONE_PATTERNS: readonly NamedPattern[] = [
  { name: 'phone-candidate', pattern: PHONE_CANDIDATE },
  { name: 'phone-word-before', pattern: PHONE_WORD_BEFORE },
  { name: 'phone-label-before', pattern: PHONE_LABEL_BEFORE },
  { name: 'phone-label-after', pattern: PHONE_LABEL_AFTER },
];

/** Countries whose national (trunk-prefix 0) formats are recognized without a + country code or a nearby phone word. */
export const NATIONAL_FORMAT_COUNTRIES: readonly CountryCode[] = [
  'GB',
  'DE',
  'FR',
  'IT',
  'ES',
  'NL',
  'BE',
  'CH',
  'AT',
  'SE',
  'IE',
  'PT',
  'AU',
  'NZ',
  'ZA',
  'IN',
];

const CONTEXT_BEFORE_CHARS = 40;
const CONTEXT_AFTER_CHARS = 12;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
// European national numbers written with their trunk 0 have 10-12 digits; shorter ones are more often street numbers.
const MIN_NATIONAL_DIGITS = 10;

function countDigits(value: string): number {
  let count = 0;
  for (const char of value) {
    if (char >= '0' && char <= '9') {
      count++;
    }
  }
  return count;
}

function hasPhoneWordNearby(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_BEFORE_CHARS), start);
  return (
    PHONE_WORD_BEFORE.test(before) ||
    PHONE_LABEL_BEFORE.test(before) ||
    PHONE_LABEL_AFTER.test(text.slice(end, end + CONTEXT_AFTER_CHARS))
  );
}

function isInternationalNumber(number: string): boolean {
  return number.startsWith('+') && parsePhoneNumberFromString(number)?.isPossible() === true;
}

function isFormattedNationalNumber(number: string): boolean {
  if (NANP_LAYOUT.test(number)) {
    return isValidPhoneNumber(number, 'US') || isValidPhoneNumber(number, 'CA');
  }
  if (TRUNK_PREFIXED_LAYOUT.test(number) && countDigits(number) >= MIN_NATIONAL_DIGITS) {
    return NATIONAL_FORMAT_COUNTRIES.some((country) => isValidPhoneNumber(number, country));
  }
  return false;
}

/**
 * Phone numbers, tuned for precision. A phone-shaped run of 7-15 digits counts when a phone word is near it
 * ("Phone:", "call me on", "... fax"), when it is a possible number in international format (+CC), or when
 * libphonenumber-js says it is a valid number in a common national layout (US `555-555-5555`, European `0xx ...`).
 * Bare digit runs without context (order numbers, ids, street numbers) are left alone.
 */
export function detectPhoneNumbers(text: string): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0];
    const number = candidate.replace(EXTENSION, '');
    const digits = countDigits(number);
    if (digits < MIN_DIGITS || digits > MAX_DIGITS || DATE_INSIDE.test(number)) {
      continue;
    }
    const start = match.index;
    const end = start + candidate.length;
    const ruleId = hasPhoneWordNearby(text, start, end)
      ? 'pii.phone.context'
      : isInternationalNumber(number)
        ? 'pii.phone.international'
        : isFormattedNationalNumber(number)
          ? 'pii.phone.national'
          : undefined;
    if (ruleId) {
      spans.push({ type: 'PHONE_NUMBER', start, end, score: ruleId === 'pii.phone.national' ? 0.6 : 0.75, ruleId });
    }
  }
  return spans;
}
