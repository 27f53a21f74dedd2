import type { DetectedSpan, NamedPattern } from './detected-span';

const SSN = /(?<![\p{L}\p{N}-])(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4})(?![\p{L}\p{N}]|-\d)/gu;

export const US_SSN_PATTERNS: readonly NamedPattern[] = [{ name: 'us-ssn', pattern: SSN }];

/** SSA rules: area 001-899 except 666, group 01-99, serial 0001-9999; plus numbers the SSA voided after misuse. */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900) {
    return false;
  }
  if (group === '00' || serial === '0000') {
    return false;
  }
  return !VOIDED.has(`${area}${group}${serial}`);
}

const VOIDED = new Set(['078051120', '219099999', '123456789']);

/** US Social Security numbers written `123-45-6789` or `123 45 6789` that respect the issuing rules. */
export function detectUsSsns(text: string): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const match of text.matchAll(SSN)) {
    const digits = match[0].replace(/\D/g, '');
    if (isValidSsn(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) {
      spans.push({
        type: 'US_SSN',
        start: match.index,
        end: match.index + match[0].length,
        score: 0.85,
        ruleId: 'pii.us_ssn',
      });
    }
  }
  return spans;
}
