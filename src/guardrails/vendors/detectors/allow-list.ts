/** Values the pii detector must leave alone: exact strings, or regexes written as `/source/flags`. */
export type AllowList = (value: string) => boolean;

const REGEX_LITERAL = /^\/(.+)\/([dgimsuvy]*)$/s;

/** Parses `/source/flags` into a RegExp; returns undefined for a plain string. Throws on an invalid regex. */
export function parseRegexLiteral(entry: string): RegExp | undefined {
  const literal = REGEX_LITERAL.exec(entry);
  if (!literal) {
    return undefined;
  }
  const [, source, flags] = literal;
  return new RegExp(source, flags.replace(/[gy]/g, ''));
}

/** An exact entry exempts an identical value; a regex entry exempts every value it matches anywhere (search). */
export function compileAllowList(entries: readonly string[] = []): AllowList {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of entries) {
    const pattern = parseRegexLiteral(entry);
    if (pattern) {
      patterns.push(pattern);
    } else {
      exact.add(entry);
    }
  }
  return (value) => exact.has(value) || patterns.some((pattern) => pattern.test(value));
}
