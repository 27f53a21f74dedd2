import type { GuardrailsApi } from './api/guardrails.api';
import type { KeysApi } from './api/keys.api';
import type { ViolationsApi } from './api/violations.api';

/** What every view gets: the API, and a way to move to another page. */
export interface AppContext {
  guardrails: GuardrailsApi;
  keys: KeysApi;
  violations: ViolationsApi;
  navigate(hash: string): void;
}
