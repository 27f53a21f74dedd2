/**
 * Deterministic fake credentials in real formats. They are generated rather than written out so that the
 * repository holds no string a secret scanner would take for a leaked key, and every run sees the same values.
 */
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const BASE64 = `${ALPHANUMERIC}+/`;
export const BASE64URL = `${ALPHANUMERIC}-_`;
export const HEX = '0123456789abcdef';

export interface FakeRandom {
  string(alphabet: string, length: number): string;
}

/** mulberry32: a tiny seeded PRNG; good enough for fixtures, never for anything secret. */
export function seededRandom(seed: number): FakeRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    string(alphabet, length) {
      let value = '';
      for (let index = 0; index < length; index++) {
        value += alphabet[Math.floor(next() * alphabet.length)];
      }
      return value;
    },
  };
}

const base64url = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

export function fakeJwt(random: FakeRandom, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const payload = { sub: `user-${random.string(HEX, 6)}`, name: 'Fake Person', iat: 1700000000 };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${random.string(BASE64URL, 43)}`;
}

export function fakePemPrivateKey(random: FakeRandom, label = 'RSA PRIVATE KEY', lines = 6): string {
  const body = Array.from({ length: lines }, () => random.string(BASE64, 64)).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

export function fakeUuid(random: FakeRandom): string {
  const hex = (length: number): string => random.string(HEX, length);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}
