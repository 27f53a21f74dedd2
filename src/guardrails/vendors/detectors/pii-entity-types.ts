export const PII_ENTITY_TYPES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
] as const;
export type PiiEntityType = (typeof PII_ENTITY_TYPES)[number];

export function isPiiEntityType(value: unknown): value is PiiEntityType {
  return typeof value === 'string' && (PII_ENTITY_TYPES as readonly string[]).includes(value);
}

/** When detections overlap, the more specific entity wins: an e-mail holding an IP, a card mistaken for a phone. */
export const PII_TYPE_PRIORITY: readonly PiiEntityType[] = [
  'EMAIL_ADDRESS',
  'IBAN_CODE',
  'CREDIT_CARD',
  'US_SSN',
  'IP_ADDRESS',
  'PHONE_NUMBER',
];
