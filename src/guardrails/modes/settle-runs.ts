import { assertUnreachable, WardenError, WardenErrorCode } from '../../common/warden.error';
import { decide } from '../guardrail.decision';
import type { GuardrailRun } from '../guardrail.runner';
import type { GuardInput, Rewrite } from '../guardrail.types';
import type { Intervention } from '../intervention';

export interface SettledRuns {
  /** The first blocking run in definition order. */
  blockedBy?: GuardrailRun;
  /** The first failed run whose guardrail fails closed. */
  unavailable?: GuardrailRun;
  /** The first run whose vendor refused the client's `extra_body`. */
  badExtraBody?: GuardrailRun;
  masks: Array<{ run: GuardrailRun; rewrite: Rewrite; intervention: Intervention }>;
  interventions: Intervention[];
}

/**
 * Decides every run of one mode and lists each intervention once. `canMask` is false where a rewrite can no longer
 * take effect (during_call: the request is already upstream); such flags are recorded as monitored.
 */
export function settleRuns(runs: readonly GuardrailRun[], canMask: boolean, input: GuardInput): SettledRuns {
  const settled: SettledRuns = { masks: [], interventions: [] };
  const note = (run: GuardrailRun, action: Intervention['action']): Intervention => {
    const intervention = { run, action, input };
    settled.interventions.push(intervention);
    return intervention;
  };
  for (const run of runs) {
    const decision = decide(run);
    switch (decision.kind) {
      case 'pass':
        break;
      case 'block':
        settled.blockedBy ??= run;
        note(run, 'blocked');
        break;
      case 'unavailable':
        settled.unavailable ??= run;
        note(run, 'error');
        break;
      case 'bad_extra_body':
        settled.badExtraBody ??= run;
        note(run, 'error');
        break;
      case 'allow_error':
        note(run, 'error');
        break;
      case 'monitor':
        note(run, 'monitored');
        break;
      case 'mask':
        if (canMask) {
          settled.masks.push({ run, rewrite: decision.rewrite, intervention: note(run, 'masked') });
        } else {
          note(run, 'monitored');
        }
        break;
      default:
        assertUnreachable(decision);
    }
  }
  return settled;
}

export interface SettledRecheck {
  rewrite?: Rewrite;
  intervention?: Intervention;
  stop?: WardenError;
}

/**
 * A masker run again on content an earlier masker already rewrote. Its new rewrite applies and a clean answer keeps
 * the content; a block, or a failure under `on_error: block`, stops the request: what it wanted masked would go out.
 */
export function settleRecheck(run: GuardrailRun, input: GuardInput): SettledRecheck {
  const decision = decide(run);
  switch (decision.kind) {
    case 'mask':
      return { rewrite: decision.rewrite };
    case 'block':
      return { intervention: { run, action: 'blocked', input }, stop: blockedError(run) };
    case 'unavailable':
      return { intervention: { run, action: 'error', input }, stop: unavailableError(run) };
    case 'bad_extra_body':
      return { intervention: { run, action: 'error', input }, stop: badExtraBodyError(run) };
    case 'pass':
    case 'monitor':
    case 'allow_error':
      return {};
    default:
      return assertUnreachable(decision);
  }
}

/** A policy block wins over a vendor outage: the client learns the content was refused, not to retry. */
export function stopFor(settled: SettledRuns): WardenError | undefined {
  if (settled.blockedBy) {
    return blockedError(settled.blockedBy);
  }
  if (settled.badExtraBody) {
    return badExtraBodyError(settled.badExtraBody);
  }
  if (settled.unavailable) {
    return unavailableError(settled.unavailable);
  }
  return undefined;
}

export function blockedError(run: GuardrailRun): WardenError {
  const vendorResponse = run.verdict.outcome === 'flagged' ? run.verdict.vendorResponse : undefined;
  return new WardenError(
    WardenErrorCode.GuardrailBlocked,
    { error: 'Violated content safety policy', [run.guardrail.responseKey]: vendorResponse ?? null },
    { guardrail: run.guardrail.definition.name },
  );
}

export function unavailableError(run: GuardrailRun): WardenError {
  const { name } = run.guardrail.definition;
  const reason = run.verdict.outcome === 'error' ? run.verdict.message : 'unknown error';
  return new WardenError(
    WardenErrorCode.GuardrailUnavailable,
    `Guardrail ${name} could not check this request (${reason}) and fails closed (on_error: block). Retry later.`,
    { headers: { 'retry-after': '1' }, guardrail: name },
  );
}

export function badExtraBodyError(run: GuardrailRun): WardenError {
  const { name } = run.guardrail.definition;
  const reason = run.verdict.outcome === 'error' ? run.verdict.message : 'rejected';
  return WardenError.invalidRequest(
    `Guardrail ${name} could not check this request: its vendor refused the fields your extra_body added (${reason}). ` +
      `Fix or remove guardrails.${name}.extra_body.`,
    `guardrails.${name}.extra_body`,
  );
}
