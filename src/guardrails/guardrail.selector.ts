import { WardenError, WardenErrorCode } from '../common/warden.error';
import type { RequestedGuardrails } from './requested-guardrails';
import type { GuardrailSelection, SelectedGuardrail } from './guarded-request';
import type { GuardrailSet } from './guardrail.set';
import type { GuardrailMode } from './guardrail.types';

/**
 * Which guardrails run for a request: every enabled `default_on` guardrail, plus the enabled ones the request names.
 * A named guardrail that does not exist is a 400 listing the known names; a disabled one is skipped without error.
 */
export function selectGuardrails(set: GuardrailSet, requested: RequestedGuardrails): GuardrailSelection {
  const unknown = [...requested.keys()].filter((name) => !set.byName.has(name));
  if (unknown.length > 0) {
    const known = [...set.byName.keys()];
    throw new WardenError(
      WardenErrorCode.UnknownGuardrail,
      `Unknown guardrail${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Configured guardrails: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
      { param: 'guardrails' },
    );
  }
  const byMode: Record<GuardrailMode, SelectedGuardrail[]> = { pre_call: [], during_call: [], post_call: [] };
  const applied: string[] = [];
  for (const { guardrail, enabled } of set.list) {
    const { name, defaultOn, modes } = guardrail.definition;
    if (!enabled || (!defaultOn && !requested.has(name))) {
      continue;
    }
    applied.push(name);
    for (const mode of modes) {
      byMode[mode].push({ guardrail, extraBody: requested.get(name) });
    }
  }
  return { ...byMode, applied };
}
