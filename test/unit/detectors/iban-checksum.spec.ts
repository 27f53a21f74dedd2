import { passesIbanChecksum } from '../../../src/guardrails/vendors/detectors/iban-checksum';

describe(passesIbanChecksum.name, () => {
  it('accepts valid IBANs in either case', () => {
    expect(passesIbanChecksum('GB82WEST12345698765432')).toBe(true);
    expect(passesIbanChecksum('de89370400440532013000')).toBe(true);
  });

  it('rejects swapped digits', () => {
    expect(passesIbanChecksum('GB82WEST12345698765423')).toBe(false);
  });

  it('rejects characters outside A-Z and 0-9', () => {
    expect(passesIbanChecksum('GB82WEST1234569876543!')).toBe(false);
  });
});
