import { detectUsSsns, isValidSsn } from '../../../src/guardrails/vendors/detectors/us-ssn.detector';

const values = (text: string): string[] => detectUsSsns(text).map((span) => text.slice(span.start, span.end));

describe(detectUsSsns.name, () => {
  it('finds dashed and spaced numbers', () => {
    expect(values('SSN 460-89-9847 on file')).toEqual(['460-89-9847']);
    expect(values('ssn 460 89 9847')).toEqual(['460 89 9847']);
  });

  it('ignores numbers the SSA never issues', () => {
    expect(values('000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000')).toEqual([]);
  });

  it('ignores longer dash-separated numbers such as licence numbers', () => {
    expect(values('licence 2270-66-1551 and ref 460-89-9847-2')).toEqual([]);
  });
});

describe(isValidSsn.name, () => {
  it('rejects numbers voided after public misuse', () => {
    expect(isValidSsn('078', '05', '1120')).toBe(false);
    expect(isValidSsn('460', '89', '9847')).toBe(true);
  });
});
