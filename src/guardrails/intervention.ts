import type { WardenError } from '../common/warden.error';
import type { GuardrailRun } from './guardrail.runner';
import type { GuardInput } from './guardrail.types';
import type { InterventionAction } from './intervention-action';

export { INTERVENTION_ACTIONS, type InterventionAction } from './intervention-action';

/** One guardrail intervention (or failure) and the input it saw: what the pipeline records. */
export interface Intervention {
  run: GuardrailRun;
  action: InterventionAction;
  input: GuardInput;
}

/**
 * What a mode strategy decided. `stop` is the error the client gets when the request must not go on; the
 * interventions are recorded either way, by the pipeline.
 */
export interface ModeOutcome<T> {
  value: T;
  interventions: Intervention[];
  stop?: WardenError;
}
