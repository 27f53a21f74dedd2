import { CREDIT_CARD_PATTERNS } from './credit-card.detector';
import type { NamedPattern } from './detected-span';
import { EMAIL_PATTERNS } from './email.detector';
import { IBAN_PATTERNS } from './iban.detector';
import { INJECTION_PATTERNS } from './injection-signals';
import { INJECTION_TEXT_PATTERNS } from './injection-text';
import { IP_ADDRESS_PATTERNS } from './ip-address.detector';
import { MATCHING_TEXT_PATTERNS } from './matching-text';
import { PHONE_PATTERNS } from './phone.detector';
import { INJECTION_TRIGGER_INDEX } from './prompt-injection.detector';
import { SECRET_LOOKALIKE_PATTERNS } from './secret-lookalikes';
import { SECRET_PATTERNS } from './secret-rules';
import { US_SSN_PATTERNS } from './us-ssn.detector';

/** Every regular expression the built-in detectors run on untrusted text, for the ReDoS tests. */
export const DETECTOR_PATTERNS: readonly NamedPattern[] = [
  ...EMAIL_PATTERNS,
  ...PHONE_PATTERNS,
  ...CREDIT_CARD_PATTERNS,
  ...IBAN_PATTERNS,
  ...US_SSN_PATTERNS,
  ...IP_ADDRESS_PATTERNS,
  ...SECRET_PATTERNS,
  ...SECRET_LOOKALIKE_PATTERNS,
  ...INJECTION_PATTERNS,
  ...INJECTION_TEXT_PATTERNS,
  ...MATCHING_TEXT_PATTERNS,
  { name: 'injection-triggers.beyond-latin-start', pattern: INJECTION_TRIGGER_INDEX.beyondLatinStart },
];
