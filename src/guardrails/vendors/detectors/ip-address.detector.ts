import { isIPv4, isIPv6 } from 'node:net';
import type { DetectedSpan, NamedPattern } from './detected-span';

const IPV4_CANDIDATE = /(?<![\p{L}\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\p{N})/gu;
// Hex groups joined by colons; `::` shows up as an empty group. net.isIPv6 decides.
// Every address hasEnoughGroups() accepts has `::` or two colons around one to four hex digits: text without that
// cannot hold one, and this scan costs far less than trying the candidate pattern at every hex letter.
const IPV6_HINT = /:[0-9A-Fa-f]{0,4}:/;
const IPV6_CANDIDATE = /(?<![\p{L}\p{N}_:])(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){1,7}(?![\p{L}\p{N}_:])/gu;

export const IP_ADDRESS_PATTERNS: readonly NamedPattern[] = [
  { name: 'ipv4', pattern: IPV4_CANDIDATE },
  { name: 'ipv6', pattern: IPV6_CANDIDATE },
];

function hasEnoughGroups(candidate: string): boolean {
  return candidate.includes('::') ? /[0-9A-Fa-f]/.test(candidate) : candidate.split(':').length === 8;
}

/** IPv4 and IPv6 addresses that node:net accepts; `::` alone and clock times are not addresses. */
export function detectIpAddresses(text: string): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const match of text.matchAll(IPV4_CANDIDATE)) {
    if (isIPv4(match[0])) {
      spans.push({
        type: 'IP_ADDRESS',
        start: match.index,
        end: match.index + match[0].length,
        score: 0.9,
        ruleId: 'pii.ip.v4',
      });
    }
  }
  if (!IPV6_HINT.test(text)) {
    return spans;
  }
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    if (hasEnoughGroups(match[0]) && isIPv6(match[0])) {
      spans.push({
        type: 'IP_ADDRESS',
        start: match.index,
        end: match.index + match[0].length,
        score: 0.9,
        ruleId: 'pii.ip.v6',
      });
    }
  }
  return spans;
}
