import { assertUnreachable } from '../common/warden.error';
import type { GuardrailRun } from './guardrail.runner';
import type { Rewrite } from './guardrail.types';

/**
 * What a run means for the request, given the guardrail's policy:
 * - `block`: stop the request (400 with the contract body);
 * - `unavailable`: the vendor failed and `on_error: block` fails closed (503);
 * - `bad_extra_body`: the vendor refused a request the client's `extra_body` shaped (400 to the client, whatever
 *   `on_error` says: a client must not be able to switch a fail-open guardrail off by sending a bad field);
 * - `mask`: continue with the rewritten content;
 * - `monitor`: continue unchanged, record it;
 * - `allow_error`: the vendor failed and `on_error: allow` lets it through, record it;
 * - `pass`.
 */
export type Decision =
  | { kind: 'pass' }
  | { kind: 'block' }
  | { kind: 'unavailable' }
  | { kind: 'bad_extra_body' }
  | { kind: 'mask'; rewrite: Rewrite }
  | { kind: 'monitor' }
  | { kind: 'allow_error' };

export function decide(run: GuardrailRun): Decision {
  const { verdict } = run;
  const { onFlagged, onError } = run.guardrail.definition;
  switch (verdict.outcome) {
    case 'pass':
      return { kind: 'pass' };
    case 'error':
      if (run.clientExtraBody && (verdict.status === 400 || verdict.status === 422)) {
        return { kind: 'bad_extra_body' };
      }
      return onError === 'block' ? { kind: 'unavailable' } : { kind: 'allow_error' };
    case 'flagged':
      switch (onFlagged) {
        case 'monitor':
          // Monitor is purely observational: even a maskable flag leaves the traffic unchanged.
          return { kind: 'monitor' };
        case 'block':
          return verdict.rewrite ? { kind: 'mask', rewrite: verdict.rewrite } : { kind: 'block' };
        default:
          return assertUnreachable(onFlagged);
      }
    default:
      return assertUnreachable(verdict);
  }
}
