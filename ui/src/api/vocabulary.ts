/**
 * The gateway's own vocabulary, bundled from its sources: a provider, mode or action added there shows up here, and a
 * provider without form fields fails this build (provider-fields.ts `satisfies` the full list).
 */
export {
  GUARDRAIL_KINDS,
  GUARDRAIL_MODES,
  ON_ERROR_POLICIES,
  ON_FLAGGED_ACTIONS,
  type GuardrailKind,
  type GuardrailMode,
} from '../../../src/guardrails/guardrail.types';
export { ENDPOINTS, type EndpointName } from '../../../src/endpoints/endpoint-name';
export { PII_ENTITY_TYPES } from '../../../src/guardrails/vendors/detectors/pii-entity-types';
export { VIOLATION_ACTIONS, type ViolationAction } from '../../../src/violations/violation.types';
export { VENDOR_SPECS } from '../../../src/guardrails/vendors/vendor-specs';
export type { ParamSpec, VendorSpec } from '../../../src/guardrails/vendors/vendor-spec';
