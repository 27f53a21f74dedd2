import { compileAllowList, type AllowList } from './allow-list';
import { detectCreditCards } from './credit-card.detector';
import type { DetectedSpan } from './detected-span';
import { detectEmails } from './email.detector';
import { detectIbans } from './iban.detector';
import { detectIpAddresses } from './ip-address.detector';
import { PII_ENTITY_TYPES, PII_TYPE_PRIORITY, type PiiEntityType } from './pii-entity-types';
import { detectPhoneNumbers } from './phone.detector';
import { resolveOverlappingSpans } from './resolve-overlapping-spans';
import { detectUsSsns } from './us-ssn.detector';

const DETECTORS: Readonly<Record<PiiEntityType, (text: string) => DetectedSpan[]>> = {
  EMAIL_ADDRESS: detectEmails,
  PHONE_NUMBER: detectPhoneNumbers,
  CREDIT_CARD: detectCreditCards,
  IBAN_CODE: detectIbans,
  US_SSN: detectUsSsns,
  IP_ADDRESS: detectIpAddresses,
};

export interface PiiDetectionOptions {
  /** Entity types to look for; all of them when omitted. */
  entities?: readonly PiiEntityType[];
  /** Exempt values: exact strings or `/regex/flags`; or an already compiled list. */
  allowList?: readonly string[] | AllowList;
}

/**
 * All PII spans in `text`, overlaps resolved. Every detector runs, even for entities not asked for, so that
 * a card number is not reported as a phone number when only PHONE_NUMBER is wanted.
 */
export function detectPii(text: string, options: PiiDetectionOptions = {}): DetectedSpan[] {
  const wanted = new Set<string>(options.entities ?? PII_ENTITY_TYPES);
  const isAllowed = typeof options.allowList === 'function' ? options.allowList : compileAllowList(options.allowList);
  const all = PII_ENTITY_TYPES.flatMap((type) => DETECTORS[type](text));
  return resolveOverlappingSpans(all, PII_TYPE_PRIORITY).filter(
    (span) => wanted.has(span.type) && !isAllowed(text.slice(span.start, span.end)),
  );
}
