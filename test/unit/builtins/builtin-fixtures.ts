import type {
  ChatMessage,
  GuardContext,
  GuardInput,
  GuardrailDefinition,
  GuardrailKind,
} from '../../../src/guardrails/guardrail.types';
import type { VendorDeps } from '../../../src/guardrails/vendors/vendor.contract';

/** Built-in guardrails never call out: any HTTP use fails the test. */
export const unusedHttp: VendorDeps = {
  http: {
    postJson: () => Promise.reject(new Error('built-in guardrails must not make HTTP calls')),
  },
};

export function definitionOf(kind: GuardrailKind, params: Record<string, unknown> = {}): GuardrailDefinition {
  return {
    name: `test-${kind}`,
    kind,
    modes: ['pre_call', 'post_call'],
    onFlagged: 'block',
    onError: 'block',
    defaultOn: true,
    timeoutMs: 1_000,
    params,
  };
}

export function contextOf(mode: GuardContext['mode'] = 'pre_call'): GuardContext {
  return { mode, signal: new AbortController().signal, requestId: 'req-test' };
}

export function userSays(...texts: string[]): GuardInput {
  return { messages: texts.map((content): ChatMessage => ({ role: 'user', content })) };
}
