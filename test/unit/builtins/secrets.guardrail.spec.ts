import { ALPHANUMERIC, seededRandom } from '../../../eval/fake-secrets';
import { secretsGuardrail } from '../../../src/guardrails/vendors/secrets.guardrail';
import { contextOf, definitionOf, unusedHttp, userSays } from './builtin-fixtures';

const key = `sk_live_${seededRandom(3).string(ALPHANUMERIC, 24)}`;
const create = (params: Record<string, unknown> = {}) =>
  secretsGuardrail.create(definitionOf('secrets', params), unusedHttp);

describe('secretsGuardrail', () => {
  it('answers under the secrets_response key', () => {
    expect(create().responseKey).toBe('secrets_response');
  });

  it('masks secrets by default, in messages and the response', async () => {
    const verdict = await create().check(
      { messages: [{ role: 'user', content: `my key is ${key}` }], response: `Use ${key} like this` },
      contextOf('post_call'),
    );
    expect(verdict).toEqual({
      outcome: 'flagged',
      findings: [{ detector: 'secrets', type: 'STRIPE_KEY', count: 2, ruleId: 'secrets.stripe', score: 0.97 }],
      vendorResponse: {
        flagged: true,
        detections: [{ type: 'STRIPE_KEY', count: 2, rule_id: 'secrets.stripe', score: 0.97 }],
      },
      rewrite: {
        messages: [{ role: 'user', content: 'my key is [REDACTED STRIPE_KEY]' }],
        response: 'Use [REDACTED STRIPE_KEY] like this',
      },
    });
  });

  it('never puts the secret in findings or the vendor response', async () => {
    const verdict = await create({ action: 'block' }).check(userSays(key), contextOf());
    expect(verdict.outcome).toBe('flagged');
    if (verdict.outcome === 'flagged') {
      expect(JSON.stringify([verdict.findings, verdict.vendorResponse])).not.toContain(key.slice(8));
    }
  });

  it('blocks without a rewrite with action: block', async () => {
    const verdict = await create({ action: 'block' }).check(userSays(key), contextOf());
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toBeUndefined();
  });

  it('passes text without secrets', async () => {
    await expect(
      create().check(userSays('commit 3f786850e387550fdab836ed7e6dc881de23001b'), contextOf()),
    ).resolves.toEqual(expect.objectContaining({ outcome: 'pass' }));
  });

  it('validates action', () => {
    expect(secretsGuardrail.validate({ action: 'mask' }, definitionOf('secrets'))).toEqual([]);
    expect(secretsGuardrail.validate({ action: 'hide' }, definitionOf('secrets'))).toEqual([
      ['action', expect.stringContaining('mask, block')],
    ]);
  });

  it('refuses to mask during_call, where a mask can no longer reach the upstream, unless it only monitors', () => {
    const duringCall = { ...definitionOf('secrets'), modes: ['during_call' as const] };
    expect(secretsGuardrail.validate({}, duringCall)).toEqual([
      ['action', expect.stringContaining('cannot apply during_call')],
    ]);
    expect(secretsGuardrail.validate({ action: 'block' }, duringCall)).toEqual([]);
    expect(secretsGuardrail.validate({}, { ...duringCall, onFlagged: 'monitor' })).toEqual([]);
  });
});
