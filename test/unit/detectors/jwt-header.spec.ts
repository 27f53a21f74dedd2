import { hasJwtHeader } from '../../../src/guardrails/vendors/detectors/jwt-header';

const encode = (value: string): string => Buffer.from(value).toString('base64url');

describe(hasJwtHeader.name, () => {
  it('accepts a base64url JSON header with an alg field', () => {
    expect(hasJwtHeader(`${encode('{"alg":"HS256","typ":"JWT"}')}.e30.sig`)).toBe(true);
  });

  it('rejects JSON without alg, non-JSON and non-object headers', () => {
    expect(hasJwtHeader(`${encode('{"typ":"JWT"}')}.e30.sig`)).toBe(false);
    expect(hasJwtHeader(`${encode('not json')}.e30.sig`)).toBe(false);
    expect(hasJwtHeader(`${encode('"alg"')}.e30.sig`)).toBe(false);
  });
});
