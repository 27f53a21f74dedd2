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
    const line = JSON.stringify({ msg: 'the api_key field is write-only', authorization_mode: 'bearer', n: 1 });
    expect(censorSecretFields(line)).toBe(line);
  });
});
