import type { NamedPattern } from './detected-span';

// Long base64 payloads that are not credentials but may contain key-like substrings by chance.
const DATA_URI = /data:[a-z]+\/[A-Za-z0-9.+-]{1,100};base64,[A-Za-z0-9+/]{1,10000000}={0,2}/g;
const INTEGRITY_HASH = /(?<![A-Za-z0-9])sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,200}={0,2}/g;

export const SECRET_LOOKALIKE_PATTERNS: readonly NamedPattern[] = [
  { name: 'data-uri', pattern: DATA_URI },
  { name: 'integrity-hash', pattern: INTEGRITY_HASH },
];

/** Regions (data: URIs, lock-file integrity hashes) in which no secret is reported. */
export function findSecretLookalikeRegions(text: string): Array<{ start: number; end: number }> {
  const regions: Array<{ start: number; end: number }> = [];
  for (const pattern of [DATA_URI, INTEGRITY_HASH]) {
    for (const match of text.matchAll(pattern)) {
      regions.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return regions;
}
