import { decide } from '../../../src/guardrails/guardrail.decision';
import type { GuardrailRun } from '../../../src/guardrails/guardrail.runner';
import type { Verdict } from '../../../src/guardrails/guardrail.types';
import { FLAGGED, fakeGuardrail } from './fake-guardrail';

function run(
  verdict: Verdict,
  onFlagged: 'block' | 'monitor' = 'block',
  onError: 'block' | 'allow' = 'block',
): GuardrailRun {
  return {
    guardrail: fakeGuardrail('g', () => Promise.resolve(verdict), { onFlagged, onError }),
    mode: 'pre_call',
    verdict,
    latencyMs: 1,
  };
}

describe(decide.name, () => {
  it('passes a pass', () => expect(decide(run({ outcome: 'pass' }))).toEqual({ kind: 'pass' }));
  it('blocks a flag under block', () => expect(decide(run(FLAGGED))).toEqual({ kind: 'block' }));
  it('monitors a flag under monitor', () => expect(decide(run(FLAGGED, 'monitor'))).toEqual({ kind: 'monitor' }));
  it('masks a flag that carries a rewrite under block', () => {
    const rewrite = { messages: [{ role: 'user', content: '[MASKED EMAIL_ADDRESS]' }] };
    expect(decide(run({ ...FLAGGED, rewrite } as Verdict))).toEqual({ kind: 'mask', rewrite });
  });
  it('never rewrites under monitor, even when a rewrite is offered', () => {
    const verdict = { ...FLAGGED, rewrite: { response: 'x' } } as Verdict;
    expect(decide(run(verdict, 'monitor'))).toEqual({ kind: 'monitor' });
  });
  it('fails closed on a vendor error under on_error: block', () => {
    expect(decide(run({ outcome: 'error', message: 'down' }))).toEqual({ kind: 'unavailable' });
  });
  it('lets a vendor error through under on_error: allow', () => {
    expect(decide(run({ outcome: 'error', message: 'down' }, 'block', 'allow'))).toEqual({ kind: 'allow_error' });
  });
  it('answers a vendor 400/422 to a request carrying the client extra_body as the client error, whatever on_error says', () => {
    const refused = (status: number, clientExtraBody: boolean): GuardrailRun => ({
      ...run({ outcome: 'error', message: 'invalid', status }, 'block', 'allow'),
      ...(clientExtraBody ? { clientExtraBody } : {}),
    });
    expect(decide(refused(400, true))).toEqual({ kind: 'bad_extra_body' });
    expect(decide(refused(422, true))).toEqual({ kind: 'bad_extra_body' });
    expect(decide(refused(400, false))).toEqual({ kind: 'allow_error' });
    expect(decide(refused(401, true))).toEqual({ kind: 'allow_error' });
    expect(decide(refused(500, true))).toEqual({ kind: 'allow_error' });
  });
});
