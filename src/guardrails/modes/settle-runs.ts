import { assertUnreachable, WardenError, WardenErrorCode } from '../../common/warden.error';
import type { ViolationAction } from '../../violations/violation.types';
import { decide } from '../guardrail.decision';
import type { GuardrailRun } from '../guardrail.runner';
import type { Rewrite } from '../guardrail.types';

export interface SettledRuns {
  /** The first blocking run in definition order. */
  blockedBy?: GuardrailRun;
  /** The first failed run whose guardrail fails closed. */
  unavailable?: GuardrailRun;
  /** The first run whose vendor refused the client's `extra_body`. */
  badExtraBody?: GuardrailRun;
  masks: Array<{ run: GuardrailRun; rewrite: Rewrite }>;
}

/**
 * Decides every run of one mode and reports each intervention once. `canMask` is false where a rewrite can no
 * longer take effect (during_call: the request is already upstream); such flags are recorded as monitored.
 */
export function settleRuns(
  runs: readonly GuardrailRun[],
  canMask: boolean,
  report: (run: GuardrailRun, action: ViolationAction) => void,
): SettledRuns {
  const settled: SettledRuns = { masks: [] };
  for (const run of runs) {
    const decision = decide(run);
    switch (decision.kind) {
      case 'pass':
        break;
      case 'block':
        settled.blockedBy ??= run;
        report(run, 'blocked');
        break;
      case 'unavailable':
        settled.unavailable ??= run;
        report(run, 'error');
        break;
      case 'bad_extra_body':
        settled.badExtraBody ??= run;
        report(run, 'error');
        break;
      case 'allow_error':
        report(run, 'error');
        break;
      case 'monitor':
        report(run, 'monitored');
        break;
      case 'mask':
        if (canMask) {
          settled.masks.push({ run, rewrite: decision.rewrite });
          report(run, 'masked');
        } else {
          report(run, 'monitored');
        }
        break;
      default:
        assertUnreachable(decision);
    }
  }
  return settled;
}

/**
 * A masker run again on content an earlier masker already rewrote. Its new rewrite applies and a clean answer keeps
 * the content; a block, or a failure under `on_error: block`, stops the request: what it wanted masked would go out.
 */
export function settleRecheck(
  run: GuardrailRun,
  report: (run: GuardrailRun, action: ViolationAction) => void,
): Rewrite | undefined {
  const decision = decide(run);
  switch (decision.kind) {
    case 'mask':
      return decision.rewrite;
    case 'block':
      report(run, 'blocked');
      throw blockedError(run);
    case 'unavailable':
      report(run, 'error');
      throw unavailableError(run);
    case 'bad_extra_body':
      report(run, 'error');
      throw badExtraBodyError(run);
    case 'pass':
    case 'monitor':
    case 'allow_error':
      return undefined;
    default:
      return assertUnreachable(decision);
  }
}

/** A policy block wins over a vendor outage: the client learns the content was refused, not to retry. */
export function stopIfNeeded(settled: SettledRuns): void {
  if (settled.blockedBy) {
    throw blockedError(settled.blockedBy);
  }
  if (settled.badExtraBody) {
    throw badExtraBodyError(settled.badExtraBody);
  }
  if (settled.unavailable) {
    throw unavailableError(settled.unavailable);
  }
}

export function blockedError(run: GuardrailRun): WardenError {
  const vendorResponse = run.verdict.outcome === 'flagged' ? run.verdict.vendorResponse : undefined;
  return new WardenError(WardenErrorCode.GuardrailBlocked, {
    error: 'Violated content safety policy',
    [run.guardrail.responseKey]: vendorResponse ?? null,
  });
}

export function unavailableError(run: GuardrailRun): WardenError {
  const { name } = run.guardrail.definition;
  const reason = run.verdict.outcome === 'error' ? run.verdict.message : 'unknown error';
  return new WardenError(
    WardenErrorCode.GuardrailUnavailable,
    `Guardrail ${name} could not check this request (${reason}) and fails closed (on_error: block). Retry later.`,
    { headers: { 'retry-after': '1' } },
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
