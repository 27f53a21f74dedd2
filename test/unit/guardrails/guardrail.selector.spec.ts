import { WardenError } from '../../../src/common/warden.error';
import { selectGuardrails } from '../../../src/guardrails/guardrail.selector';
import { GuardrailSet } from '../../../src/guardrails/guardrail.set';
import { fakeGuardrail } from './fake-guardrail';

const pass = () => Promise.resolve({ outcome: 'pass' as const });

describe(selectGuardrails.name, () => {
  const set = new GuardrailSet([
    { guardrail: fakeGuardrail('always', pass, { defaultOn: true, modes: ['pre_call', 'post_call'] }), enabled: true },
    { guardrail: fakeGuardrail('optional', pass, { modes: ['during_call'] }), enabled: true },
    { guardrail: fakeGuardrail('switched-off', pass, { defaultOn: true }), enabled: false },
  ]);

  it('runs default_on guardrails on every request, in each of their modes', () => {
    const selection = selectGuardrails(set, new Map());
    expect(selection.applied).toEqual(['always']);
    expect(selection.pre_call.map((s) => s.guardrail.definition.name)).toEqual(['always']);
    expect(selection.post_call.map((s) => s.guardrail.definition.name)).toEqual(['always']);
    expect(selection.during_call).toEqual([]);
  });

  it('does not run a guardrail that is not default_on unless the request names it', () => {
    expect(selectGuardrails(set, new Map()).during_call).toEqual([]);
    const named = selectGuardrails(set, new Map([['optional', { metadata: { a: 1 } }]]));
    expect(named.during_call).toHaveLength(1);
    expect(named.during_call[0].extraBody).toEqual({ metadata: { a: 1 } });
    expect(named.applied).toEqual(['always', 'optional']);
  });

  it('skips a disabled guardrail, named or default_on, without an error', () => {
    const selection = selectGuardrails(set, new Map([['switched-off', undefined]]));
    expect(selection.applied).toEqual(['always']);
  });

  it('rejects an unknown name with a 400 listing the configured ones', () => {
    expect(() => selectGuardrails(set, new Map([['nope', undefined]]))).toThrow(WardenError);
    expect(() => selectGuardrails(set, new Map([['nope', undefined]]))).toThrow(
      /Unknown guardrail: nope\. Configured guardrails: always, optional, switched-off/,
    );
  });
});
