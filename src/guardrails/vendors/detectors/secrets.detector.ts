import { spansOverlap, type DetectedSpan } from './detected-span';
import { endMarkerFinder, privateKeyBlockEnd } from './private-key-block';
import { resolveOverlappingSpans } from './resolve-overlapping-spans';
import { findSecretLookalikeRegions } from './secret-lookalikes';
import { SECRET_RULES, type SecretRule } from './secret-rules';

const RULE_TYPE_PRIORITY = [...new Set(SECRET_RULES.map((rule) => rule.type))];

function spanOf(
  rule: SecretRule,
  match: RegExpMatchArray,
  text: string,
  findEndMarker: (from: number) => number,
): DetectedSpan | undefined {
  const index = match.index ?? 0;
  const value = rule.group === undefined ? match[0] : match[rule.group];
  if (value === undefined || (rule.accept && !rule.accept(value))) {
    return undefined;
  }
  const start = rule.group === undefined ? index : index + match[0].lastIndexOf(value);
  const end =
    rule.type === 'PRIVATE_KEY'
      ? privateKeyBlockEnd(text, index + match[0].length, findEndMarker)
      : start + value.length;
  return { type: rule.type, start, end, score: rule.score, ruleId: rule.id };
}

/**
 * Credentials in `text`: provider API keys by their published formats, PEM private keys, JWTs and bearer tokens.
 * Look-alikes (UUIDs, hex digests, base64 images, lock-file integrity hashes) do not match any rule or are skipped.
 */
export function detectSecrets(text: string): DetectedSpan[] {
  const found: DetectedSpan[] = [];
  const findEndMarker = endMarkerFinder(text);
  for (const rule of SECRET_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const span = spanOf(rule, match, text, findEndMarker);
      if (span) {
        found.push(span);
      }
    }
  }
  if (found.length === 0) {
    return found;
  }
  const lookalikes = findSecretLookalikeRegions(text);
  const real = found.filter((span) => !lookalikes.some((region) => spansOverlap(span, region)));
  return resolveOverlappingSpans(real, RULE_TYPE_PRIORITY);
}
