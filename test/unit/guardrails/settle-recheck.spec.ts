import { WardenErrorCode } from '../../../src/common/warden.error';
import type { GuardrailRun } from '../../../src/guardrails/guardrail.runner';
import type { Verdict } from '../../../src/guardrails/guardrail.types';
import { settleRecheck } from '../../../src/guardrails/modes/settle-runs';
import type { ViolationAction } from '../../../src/violations/violation.types';
import { FLAGGED, fakeGuardrail } from './fake-guardrail';

function recheck(verdict: Verdict, onError: 'block' | 'allow' = 'block'): GuardrailRun {
  return {
    guardrail: fakeGuardrail('masker', () => Promise.resolve(verdict), { onError }),
    mode: 'post_call',
    verdict,
    latencyMs: 1,
  };
}

function settle(run: GuardrailRun): { result: unknown; reported: ViolationAction[] } {
  const { rewrite, intervention, stop } = settleRecheck(run, { messages: [], response: 'text' });
  const reported = intervention ? [intervention.action] : [];
  return { result: stop ? stop.code : rewrite, reported };
}

describe(settleRecheck.name, () => {
  it('applies the new rewrite of a masker that still masks', () => {
    const rewrite = { response: '[MASKED EMAIL_ADDRESS]' };
    expect(settle(recheck({ ...FLAGGED, rewrite } as Verdict))).toEqual({ result: rewrite, reported: [] });
  });

  it('keeps the content when the masker finds nothing more', () => {
    expect(settle(recheck({ outcome: 'pass' }))).toEqual({ result: undefined, reported: [] });
  });

  it('blocks, and records it, when the masker now flags without a rewrite', () => {
    expect(settle(recheck(FLAGGED))).toEqual({ result: WardenErrorCode.GuardrailBlocked, reported: ['blocked'] });
  });

  it('fails closed when the re-check fails under on_error: block: the content it wanted masked must not go out', () => {
    expect(settle(recheck({ outcome: 'error', message: 'down' }))).toEqual({
      result: WardenErrorCode.GuardrailUnavailable,
      reported: ['error'],
    });
  });

  it('lets the content through when the re-check fails under on_error: allow', () => {
    expect(settle(recheck({ outcome: 'error', message: 'down' }, 'allow'))).toEqual({
      result: undefined,
      reported: [],
    });
  });
});
