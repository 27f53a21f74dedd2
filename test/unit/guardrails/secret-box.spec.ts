import { isSealed, SecretBox } from '../../../src/guardrails/secret-box';
import { isSecretKey, mapSecretValues } from '../../../src/guardrails/secret-fields';

describe('SecretBox', () => {
  const box = new SecretBox('salt-key-for-the-unit-test');

  it('seals with a fresh IV each time and opens back to the plaintext', () => {
    const first = box.seal('sk-live-1234567890');
    const second = box.seal('sk-live-1234567890');
    expect(first).not.toBe(second);
    expect(isSealed(first)).toBe(true);
    expect(first).not.toContain('1234567890');
    expect(box.open(first)).toBe('sk-live-1234567890');
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('ünïcødé 🔑'))).toBe('ünïcødé 🔑');
  });

  it('refuses a value sealed under another key, or changed after sealing', () => {
    const sealed = box.seal('secret');
    expect(() => new SecretBox('another-salt-key-entirely').open(sealed)).toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => box.open('enc:v1:AAAA')).toThrow();
  });
});

describe('SecretBox during a salt key rotation', () => {
  const before = new SecretBox('the-old-salt-key-0123');
  const rotating = new SecretBox('the-new-salt-key-4567', 'the-old-salt-key-0123');
  const after = new SecretBox('the-new-salt-key-4567');

  it('opens values sealed under the previous key and seals only under the new one', () => {
    const old = before.seal('sk-live-old');
    expect(rotating.open(old)).toBe('sk-live-old');
    expect(rotating.sealedWithPreviousKey(old)).toBe(true);
    const resealed = rotating.seal('sk-live-old');
    expect(rotating.sealedWithPreviousKey(resealed)).toBe(false);
    expect(after.open(resealed)).toBe('sk-live-old');
    expect(() => before.open(resealed)).toThrow();
  });

  it('still refuses a value sealed under a third key', () => {
    const other = new SecretBox('a-third-salt-key-89ab').seal('x');
    expect(() => rotating.open(other)).toThrow();
    expect(new SecretBox('the-new-salt-key-4567').sealedWithPreviousKey(other)).toBe(false);
  });
});

describe('mapSecretValues', () => {
  it('touches every value under a secret name, at any depth, and nothing else', () => {
    const params = {
      api_key: 'k1',
      api_base: 'http://vendor',
      keywords: ['falcon'],
      max_tokens: 5,
      extra_headers: { Authorization: 'Bearer k2', 'X-Trace': 'visible' },
      credentials: { user: 'u', list: ['a', 'b'], pin: 1234, none: null },
      aws_session_token: 'k3',
    };
    const seen: string[] = [];
    const mapped = mapSecretValues(params, (value, path) => {
      seen.push(path);
      return `<${String(value)}>`;
    });
    expect(mapped).toEqual({
      api_key: '<k1>',
      api_base: 'http://vendor',
      keywords: ['falcon'],
      max_tokens: 5,
      extra_headers: { Authorization: '<Bearer k2>', 'X-Trace': 'visible' },
      credentials: { user: '<u>', list: ['<a>', '<b>'], pin: '<1234>', none: null },
      aws_session_token: '<k3>',
    });
    expect(seen).toEqual([
      'api_key',
      'extra_headers.Authorization',
      'credentials.user',
      'credentials.list[0]',
      'credentials.list[1]',
      'credentials.pin',
      'aws_session_token',
    ]);
    expect(params.api_key).toBe('k1');
  });

  it('names secrets by words, not substrings', () => {
    expect(['api_key', 'apiKey', 'aws_secret_access_key', 'password', 'x_token'].every(isSecretKey)).toBe(true);
    expect(['keywords', 'max_tokens', 'api_base', 'monkey'].some(isSecretKey)).toBe(false);
  });
});
