const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const MARKDOWN_ESCAPE = /\\([[\]()*_#>`\\-])/g;
const EMPHASIS = /\*{1,3}|_{2,3}/g;
const WHITESPACE = /\s+/g;

/**
 * Text as the injection rules read it: invisible characters removed, quotes straightened, markdown escapes
 * and emphasis dropped, whitespace collapsed. Letter case is kept (some rules look for capitalized names).
 */
export function normalizeForInjection(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CURLY_SINGLE, "'")
    .replace(CURLY_DOUBLE, '"')
    .replace(MARKDOWN_ESCAPE, '$1')
    .replace(EMPHASIS, '')
    .replace(WHITESPACE, ' ');
}
