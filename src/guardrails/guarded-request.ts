import type { EndpointName } from '../endpoints/endpoint-name';
import type { Guardrail, GuardrailMode } from './guardrail.types';

/** What the strategies and the violation log need to know about the request they guard. */
export interface GuardedRequest {
  requestId: string;
  model: string;
  endpoint: EndpointName;
  callerKeyAlias: string;
  /** The virtual key's team label, if the caller used a virtual key that has one. */
  callerTeam?: string | null;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
}

/** One guardrail chosen for a request, with the client's optional `extra_body` for its vendor call. */
export interface SelectedGuardrail {
  guardrail: Guardrail;
  extraBody?: Record<string, unknown>;
}

export type GuardrailSelection = Readonly<Record<GuardrailMode, readonly SelectedGuardrail[]>> & {
  /** Names of every guardrail that applies, for `x-warden-applied-guardrails`. */
  applied: readonly string[];
};
