import type { EndpointName } from '../endpoints/endpoint-name';
import type { Finding, GuardrailKind, GuardrailMode } from '../guardrails/guardrail.types';
import { INTERVENTION_ACTIONS, type InterventionAction } from '../guardrails/intervention-action';

export const VIOLATION_ACTIONS = INTERVENTION_ACTIONS;
export type ViolationAction = InterventionAction;

/** One guardrail intervention (or failure) on one request, as handed to the recorder. */
export interface ViolationRecord {
  occurredAt: Date;
  requestId: string;
  guardrailName: string;
  provider: GuardrailKind;
  mode: GuardrailMode;
  action: ViolationAction;
  model: string;
  /** The API the request came through. */
  endpoint: EndpointName;
  /** Which key called (an alias, never the key itself). */
  callerKeyAlias: string;
  /** The virtual key's team label (null for the master key or a key without one). */
  callerTeam?: string | null;
  findings: Finding[];
  /** The vendor's answer without PII payloads; for errors, the error. */
  vendorResponse: unknown;
  /** The flagged text, shortened and redacted per `general_settings.violation_excerpt`; undefined for `none`. */
  excerpt?: string;
  latencyMs: number;
  /** The verdict came from the verdict cache. */
  cached?: boolean;
}

/**
 * Takes violations off the request path. Implementations must return at once (enqueue only) and never throw.
 */
export abstract class ViolationRecorder {
  abstract record(violation: ViolationRecord): void;
}
