import type { NamedPattern } from './detected-span';

const NON_ASCII = /[\u0080-\uFFFF]/;
// Any character the next three steps replace.
const TO_FOLD = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u2018-\u201F\u2032\u2033]/;
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const MARKDOWN_ESCAPE = /\\([[\]()*_#>`\\-])/g;
const EMPHASIS = /\*{1,3}|_{2,3}/g;
// Every whitespace run that is not already a single space; the same result as replacing /\s+/g, with fewer matches.
const WHITESPACE = /[^\S ]\s*| \s+/g;

export const INJECTION_TEXT_PATTERNS: readonly NamedPattern[] = [
  { name: 'injection-text.non-ascii', pattern: NON_ASCII },
  { name: 'injection-text.to-fold', pattern: TO_FOLD },
  { name: 'injection-text.invisible', pattern: INVISIBLE },
  { name: 'injection-text.curly-single', pattern: CURLY_SINGLE },
  { name: 'injection-text.curly-double', pattern: CURLY_DOUBLE },
  { name: 'injection-text.markdown-escape', pattern: MARKDOWN_ESCAPE },
  { name: 'injection-text.emphasis', pattern: EMPHASIS },
  { name: 'injection-text.whitespace', pattern: WHITESPACE },
];

/**
 * Text as the injection rules read it: NFKC-folded, invisible characters removed, quotes straightened, markdown
 * escapes and emphasis dropped, whitespace collapsed to single spaces. Letter case is kept (some rules look for
 * capitalized names). Steps that cannot change the text (no non-ASCII character, no backslash) are skipped.
 */
export function normalizeForInjection(text: string): string {
  let normalized = text;
  if (NON_ASCII.test(normalized)) {
    normalized = normalized.normalize('NFKC');
    if (TO_FOLD.test(normalized)) {
      normalized = normalized.replace(INVISIBLE, '').replace(CURLY_SINGLE, "'").replace(CURLY_DOUBLE, '"');
    }
  }
  if (normalized.includes('\\')) {
    normalized = normalized.replace(MARKDOWN_ESCAPE, '$1');
  }
  if (normalized.includes('*') || normalized.includes('__')) {
    normalized = normalized.replace(EMPHASIS, '');
  }
  return normalized.replace(WHITESPACE, ' ');
}
