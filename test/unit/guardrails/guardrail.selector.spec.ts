import { WardenError, WardenErrorCode } from '../../../src/common/warden.error';
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

  describe('with a virtual key', () => {
    const keyed = new GuardrailSet([
      { guardrail: fakeGuardrail('global', pass, { defaultOn: true }), enabled: true },
      { guardrail: fakeGuardrail('key-pii', pass, { modes: ['pre_call', 'post_call'] }), enabled: true },
      { guardrail: fakeGuardrail('key-off', pass), enabled: false },
      { guardrail: fakeGuardrail('extra', pass, { modes: ['during_call'] }), enabled: true },
    ]);
    const names = (selection: ReturnType<typeof selectGuardrails>): readonly string[] => selection.applied;

    it("runs default_on plus the key's guardrails without the request naming them", () => {
      const selection = selectGuardrails(keyed, new Map(), { guardrails: ['key-pii'], allowRequestGuardrails: true });
      expect(names(selection)).toEqual(['global', 'key-pii']);
      expect(selection.post_call.map((s) => s.guardrail.definition.name)).toEqual(['key-pii']);
    });

    it('adds the guardrails a request names when the key allows it', () => {
      const selection = selectGuardrails(keyed, new Map([['extra', { a: 1 }]]), {
        guardrails: ['key-pii'],
        allowRequestGuardrails: true,
      });
      expect(names(selection)).toEqual(['global', 'key-pii', 'extra']);
      expect(selection.during_call[0].extraBody).toEqual({ a: 1 });
    });

    it("refuses with a 403 a guardrail a request adds when the key may not add any, naming it and the key's own", () => {
      const key = { guardrails: ['key-pii'], allowRequestGuardrails: false };
      let thrown: unknown;
      try {
        selectGuardrails(keyed, new Map([['extra', undefined]]), key);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(WardenError);
      expect((thrown as WardenError).code).toBe(WardenErrorCode.Forbidden);
      expect((thrown as WardenError).message).toMatch(/add guardrails.*: extra\..*\(key-pii\)/s);
    });

    it('accepts naming a guardrail that runs anyway when the key may not add any, and drops its extra_body', () => {
      const key = { guardrails: ['key-pii'], allowRequestGuardrails: false };
      const selection = selectGuardrails(
        keyed,
        new Map([
          ['key-pii', { skip: true }],
          ['global', undefined],
        ]),
        key,
      );
      expect(names(selection)).toEqual(['global', 'key-pii']);
      expect(selection.pre_call.every((s) => s.extraBody === undefined)).toBe(true);
    });

    it("does not run a key's guardrail that is disabled globally", () => {
      const selection = selectGuardrails(keyed, new Map(), { guardrails: ['key-off'], allowRequestGuardrails: true });
      expect(names(selection)).toEqual(['global']);
    });

    it("skips a key's guardrail that was deleted since, and still rejects unknown names the request sends", () => {
      const key = { guardrails: ['gone'], allowRequestGuardrails: true };
      expect(names(selectGuardrails(keyed, new Map(), key))).toEqual(['global']);
      expect(() => selectGuardrails(keyed, new Map([['nope', undefined]]), key)).toThrow(/Unknown guardrail: nope/);
    });
  });
});
