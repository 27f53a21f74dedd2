import { detectIbans } from '../../../src/guardrails/vendors/detectors/iban.detector';

const values = (text: string): string[] => detectIbans(text).map((span) => text.slice(span.start, span.end));

describe(detectIbans.name, () => {
  it('finds checksum-valid IBANs written as one block', () => {
    expect(values('Send it to GB82WEST12345698765432 please')).toEqual(['GB82WEST12345698765432']);
  });

  it('finds IBANs written in groups of four', () => {
    expect(values('IBAN: DE89 3704 0044 0532 0130 00, thanks')).toEqual(['DE89 3704 0044 0532 0130 00']);
  });

  it('is case-insensitive', () => {
    expect(values('my iban is gb82west12345698765432')).toEqual(['gb82west12345698765432']);
  });

  it('ignores IBAN-shaped strings whose mod-97 checksum fails', () => {
    expect(values('GB82WEST12345698765433')).toEqual([]);
  });

  it('ignores unknown country codes and wrong lengths', () => {
    expect(values('ZZ82WEST12345698765432')).toEqual([]);
    expect(values('GB82WEST1234569876543')).toEqual([]);
  });
});
