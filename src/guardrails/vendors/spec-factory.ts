import type { GuardrailDefinition } from '../guardrail.types';
import type { GuardrailFactory, VendorDeps } from './vendor.contract';
import { validateParams, type ParamProblem, type VendorSpec } from './vendor-spec';

/** A registry entry that carries its vendor's spec: validation comes from the spec (plus the vendor's own checks). */
export interface SpecifiedFactory extends GuardrailFactory {
  readonly spec: VendorSpec;
}

/**
 * Builds a registry entry from a spec. `check` adds what a pure spec cannot say (a file that must exist and parse);
 * it runs only when the spec found nothing wrong.
 */
export function specifiedFactory(
  spec: VendorSpec,
  create: GuardrailFactory['create'],
  check?: (params: Readonly<Record<string, unknown>>) => ParamProblem[],
): SpecifiedFactory {
  return {
    spec,
    cacheable: spec.http,
    validate(params, definition: Omit<GuardrailDefinition, 'params'>) {
      const problems = validateParams(spec, params, definition);
      return problems.length > 0 || !check ? problems : check(params);
    },
    create(definition: GuardrailDefinition, deps: VendorDeps) {
      return create(definition, deps);
    },
  };
}
