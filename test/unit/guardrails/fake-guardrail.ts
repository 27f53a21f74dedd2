import type { Guardrail, GuardrailDefinition, GuardrailMode, Verdict } from '../../../src/guardrails/guardrail.types';

export function definition(name: string, overrides: Partial<GuardrailDefinition> = {}): GuardrailDefinition {
  return {
    name,
    kind: 'banned_keywords',
    modes: ['pre_call'] as GuardrailMode[],
    onFlagged: 'block',
    onError: 'block',
    defaultOn: false,
    timeoutMs: 5000,
    params: {},
    ...overrides,
  };
}

/** A guardrail whose answer the test decides. */
export function fakeGuardrail(
  name: string,
  check: () => Promise<Verdict>,
  overrides: Partial<GuardrailDefinition> = {},
): Guardrail {
  return { definition: definition(name, overrides), responseKey: 'fake_response', check };
}

export const FLAGGED: Verdict = {
  outcome: 'flagged',
  findings: [{ detector: 'fake', type: 'X', count: 1 }],
  vendorResponse: { flagged: true },
};
