import { compileAllowList, parseRegexLiteral } from '../../../src/guardrails/vendors/detectors/allow-list';

describe(compileAllowList.name, () => {
  it('exempts exact strings, case-sensitively', () => {
    const isAllowed = compileAllowList(['support@example.com']);
    expect(isAllowed('support@example.com')).toBe(true);
    expect(isAllowed('Support@example.com')).toBe(false);
  });

  it('treats /source/flags entries as regexes searched in the value', () => {
    const isAllowed = compileAllowList(['/@example\\.com$/i']);
    expect(isAllowed('Anyone@EXAMPLE.com')).toBe(true);
    expect(isAllowed('anyone@example.org')).toBe(false);
  });

  it('allows nothing when empty', () => {
    expect(compileAllowList()('anything')).toBe(false);
  });
});

describe(parseRegexLiteral.name, () => {
  it('returns undefined for plain strings', () => {
    expect(parseRegexLiteral('plain')).toBeUndefined();
  });

  it('drops the stateful g and y flags', () => {
    expect(parseRegexLiteral('/a/gi')?.flags).toBe('i');
  });

  it('throws on an invalid regex so validation can report it', () => {
    expect(() => parseRegexLiteral('/(/')).toThrow();
  });
});
