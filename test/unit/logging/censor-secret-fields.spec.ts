import { maskSecrets } from '../../../src/admin/secret-mask.util';
import { isSecretKey } from '../../../src/guardrails/secret-fields';
import { censorSecretFields } from '../../../src/logging/logging.module';

describe('censorSecretFields', () => {
  it('censors secret-bearing fields at any depth, whatever their case', () => {
    const line = JSON.stringify({
      msg: 'vendor call failed',
      err: { config: { headers: { Authorization: 'Bearer sk-live-123', 'X-Api-Key': 'lk-456' } } },
      guardrail: { litellm_params: { api_key: 'lk-789', api_base: 'http://127.0.0.1:1' } },
      aws: { aws_secret_access_key: 'wJalr"quoted\\slash', aws_session_token: 'tok' },
      cookies: { cookie: ['a=1', 'b=2'] },
    });
    const censored = censorSecretFields(line);
    for (const secret of ['sk-live-123', 'lk-456', 'lk-789', 'wJalr', 'quoted', 'tok"', 'a=1', 'b=2']) {
      expect(censored).not.toContain(secret);
    }
    expect(JSON.parse(censored)).toEqual({
      msg: 'vendor call failed',
      err: { config: { headers: { Authorization: '[REDACTED]', 'X-Api-Key': '[REDACTED]' } } },
      guardrail: { litellm_params: { api_key: '[REDACTED]', api_base: 'http://127.0.0.1:1' } },
      aws: { aws_secret_access_key: '[REDACTED]', aws_session_token: '[REDACTED]' },
      cookies: { cookie: '[REDACTED]' },
    });
  });

  it('leaves lines without such fields unchanged', () => {
    const line = JSON.stringify({
      msg: 'the api_key field is write-only',
      keywords: ['project falcon'],
      monkey: 'business',
      max_tokens: 5,
      token_count: 3,
      n: 1,
    });
    expect(censorSecretFields(line)).toBe(line);
  });

  it('uses the definition the admin API and the database use: every name they mask, the censor censors', () => {
    const names = [
      'password',
      'token',
      'client_secret',
      'x-aporia-api-key',
      'X-APORIA-API-KEY',
      'api_key',
      'apiKey',
      'master_key',
      'aws_secret_access_key',
      'aws_session_token',
      'authorization',
      'Proxy-Authorization',
      'cookie',
      'set-cookie',
      'dbPassword',
    ];
    for (const name of names) {
      expect([name, isSecretKey(name)]).toEqual([name, true]);
      const line = JSON.stringify({ nested: { [name]: 'v4lue-that-must-go' } });
      expect([name, censorSecretFields(line)]).toEqual([name, JSON.stringify({ nested: { [name]: '[REDACTED]' } })]);
    }
    for (const name of ['keywords', 'max_tokens', 'guardrail_name', 'api_base', 'monkey']) {
      expect([name, isSecretKey(name)]).toEqual([name, false]);
      const line = JSON.stringify({ [name]: 'kept' });
      expect(censorSecretFields(line)).toBe(line);
    }
  });

  it('masks what the admin API masks, with the same rule', () => {
    expect(maskSecrets({ password: 'hunter2-long-password', token: 'short', keywords: ['x'] })).toEqual({
      password: 'hun...word',
      token: '****',
      keywords: ['x'],
    });
  });
});
