import type { DetectedSpan } from './detected-span';
import { matchingText } from './matching-text';

export interface BannedKeywordsConfig {
  /** Plain words or phrases, matched case-insensitively on word boundaries. */
  keywords?: readonly string[];
  /** Regular expression sources, matched case-insensitively. */
  patterns?: readonly string[];
}

export interface BannedKeywordsMatcher {
  detect(text: string): DetectedSpan[];
}

export const BANNED_KEYWORD_TYPE = 'BANNED_KEYWORD';
export const BANNED_PATTERN_TYPE = 'BANNED_PATTERN';

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;
// Scripts written without spaces between words: a boundary check would stop every match inside a sentence.
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function escapeRegex(value: string): string {
  return value.replace(REGEX_SPECIALS, '\\$&');
}

/** `(?<![\p{L}\p{N}_])word(?![\p{L}\p{N}_])`, leaving out a boundary where the keyword starts or ends with a non-word char. */
export function keywordPatternSource(keyword: string): string {
  const first = keyword[0] ?? '';
  const last = keyword[keyword.length - 1] ?? '';
  const needsBoundary = (char: string): boolean => WORD_CHAR.test(char) && !UNSPACED_SCRIPT.test(char);
  const body = escapeRegex(keyword).replace(/\s+/g, '\\s+');
  return `${needsBoundary(first) ? '(?<![\\p{L}\\p{N}_])' : ''}${body}${needsBoundary(last) ? '(?![\\p{L}\\p{N}_])' : ''}`;
}

/**
 * Compiles the configured keywords and patterns once. Each span's `ruleId` is `keyword:<index>` or `pattern:<index>`
 * (the position in the config), so findings can say which entry fired without repeating the banned text.
 */
export function compileBannedKeywords(config: BannedKeywordsConfig): BannedKeywordsMatcher {
  const rules = [
    ...(config.keywords ?? [])
      .filter((keyword) => keyword.trim() !== '')
      .map((keyword, index) => ({
        type: BANNED_KEYWORD_TYPE,
        ruleId: `keyword:${index}`,
        pattern: new RegExp(keywordPatternSource(keyword.trim().normalize('NFKC')), 'giu'),
      })),
    ...(config.patterns ?? []).map((source, index) => ({
      type: BANNED_PATTERN_TYPE,
      ruleId: `pattern:${index}`,
      pattern: new RegExp(source, 'giu'),
    })),
  ];
  return {
    detect(original) {
      // Matched on the folded text (invisible characters and fullwidth forms cannot hide a keyword); spans are
      // reported on the original, so a mask covers the characters that hid it too.
      const { text, toOriginal } = matchingText(original);
      const spans: DetectedSpan[] = [];
      for (const rule of rules) {
        for (const match of text.matchAll(rule.pattern)) {
          if (match[0].length > 0) {
            const [start, end] = toOriginal(match.index, match.index + match[0].length);
            spans.push({ type: rule.type, start, end, ruleId: rule.ruleId });
          }
        }
      }
      return spans;
    },
  };
}
