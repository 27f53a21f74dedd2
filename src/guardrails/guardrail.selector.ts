import { WardenError, WardenErrorCode } from '../common/warden.error';
import type { RequestedGuardrails } from './requested-guardrails';
import type { GuardrailSelection, SelectedGuardrail } from './guarded-request';
import type { GuardrailSet } from './guardrail.set';
import type { GuardrailMode } from './guardrail.types';

/** What a virtual key says about guardrails: its own, and whether a request may name more. */
export interface KeyGuardrailPolicy {
  readonly guardrails: readonly string[];
  readonly allowRequestGuardrails: boolean;
}

/**
 * Which guardrails run for a request: every enabled `default_on` guardrail, plus the enabled ones the caller's
 * virtual key carries, plus the enabled ones the request names (with a key, only if the key allows it). Nothing in
 * a request removes a guardrail: the request's list only adds. A named guardrail that does not exist is a 400 listing
 * the known names; a disabled one (named, default_on or the key's) is skipped without error; a key that may not add
 * guardrails gets a 403 naming the ones it tried to add.
 */
export function selectGuardrails(
  set: GuardrailSet,
  requested: RequestedGuardrails,
  key?: KeyGuardrailPolicy,
): GuardrailSelection {
  assertKnown(set, requested);
  const keyGuardrails: ReadonlySet<string> = new Set(key?.guardrails);
  if (key && !key.allowRequestGuardrails) {
    assertNothingAdded(set, requested, keyGuardrails);
  }
  const requestOptions = !key || key.allowRequestGuardrails;
  const byMode: Record<GuardrailMode, SelectedGuardrail[]> = { pre_call: [], during_call: [], post_call: [] };
  const applied: string[] = [];
  for (const { guardrail, enabled } of set.list) {
    const { name, defaultOn, modes } = guardrail.definition;
    if (!enabled || (!defaultOn && !keyGuardrails.has(name) && !requested.has(name))) {
      continue;
    }
    applied.push(name);
    const extraBody = requestOptions ? requested.get(name) : undefined;
    for (const mode of modes) {
      byMode[mode].push({ guardrail, extraBody });
    }
  }
  return { ...byMode, applied };
}

function assertKnown(set: GuardrailSet, requested: RequestedGuardrails): void {
  const unknown = [...requested.keys()].filter((name) => !set.byName.has(name));
  if (unknown.length > 0) {
    const known = [...set.byName.keys()];
    throw new WardenError(
      WardenErrorCode.UnknownGuardrail,
      `Unknown guardrail${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Configured guardrails: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
      { param: 'guardrails' },
    );
  }
}

/** Naming a guardrail that runs anyway is harmless; naming another one is adding it, which this key may not do. */
function assertNothingAdded(
  set: GuardrailSet,
  requested: RequestedGuardrails,
  keyGuardrails: ReadonlySet<string>,
): void {
  const added = [...requested.keys()].filter(
    (name) => !keyGuardrails.has(name) && set.byName.get(name)?.guardrail.definition.defaultOn !== true,
  );
  if (added.length > 0) {
    const own = keyGuardrails.size > 0 ? [...keyGuardrails].join(', ') : '(none)';
    throw new WardenError(
      WardenErrorCode.Forbidden,
      `This API key may not add guardrails to a request (allow_request_guardrails is off): ${added.join(', ')}. ` +
        `Its own guardrails (${own}) and the default_on ones run on every request without being named.`,
      { param: 'guardrails' },
    );
  }
}
