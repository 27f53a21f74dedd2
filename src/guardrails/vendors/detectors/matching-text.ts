import type { NamedPattern } from './detected-span';

const NON_ASCII = /[\u0080-\u{10FFFF}]/u;
/** Format characters a reader never sees: zero-width space and joiners, direction marks, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/;

export const MATCHING_TEXT_PATTERNS: readonly NamedPattern[] = [
  { name: 'matching-text.non-ascii', pattern: NON_ASCII },
  { name: 'matching-text.invisible', pattern: INVISIBLE },
];

/** Text as keyword matching reads it, and the way back to the original's offsets. */
export interface MatchingText {
  text: string;
  /** The original range behind `[start, end)` of `text`. */
  toOriginal: (start: number, end: number) => [number, number];
}

/** Folded forms already computed: text repeats its characters, and `normalize` per character is the cost here. */
const FOLDED = new Map<string, string>();
const FOLDED_LIMIT = 4096;

function fold(char: string): string {
  let folded = FOLDED.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFKC');
    if (FOLDED.size < FOLDED_LIMIT) {
      FOLDED.set(char, folded);
    }
  }
  return folded;
}

function isInvisible(code: number): boolean {
  return code === 0xad || (code >= 0x200b && code <= 0x200f) || (code >= 0x2060 && code <= 0x2064) || code === 0xfeff;
}

const IDENTITY = (start: number, end: number): [number, number] => [start, end];

/**
 * Each character NFKC-folded (fullwidth letters, ligatures, compatibility forms) and invisible format characters
 * dropped, so `Fal\u200Bcon` and `Ｆａｌｃｏｎ` read as `Falcon`, as the model reads them. Text that folding does not
 * change (all ASCII, or already NFKC without invisible characters) is used as it is.
 */
export function matchingText(text: string): MatchingText {
  if (!NON_ASCII.test(text) || (!INVISIBLE.test(text) && text.normalize('NFKC') === text)) {
    return { text, toOriginal: IDENTITY };
  }
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  while (offset < text.length) {
    const code = text.codePointAt(offset) as number;
    const next = offset + (code > 0xffff ? 2 : 1);
    if (!isInvisible(code)) {
      const folded = code < 0x80 ? text[offset] : fold(text.slice(offset, next));
      for (let unit = 0; unit < folded.length; unit += 1) {
        starts.push(offset);
        ends.push(next);
      }
      pieces.push(folded);
    }
    offset = next;
  }
  return {
    text: pieces.join(''),
    toOriginal: (start, end) => [
      starts[start] ?? text.length,
      end > start ? (ends[end - 1] ?? text.length) : (starts[start] ?? text.length),
    ],
  };
}
