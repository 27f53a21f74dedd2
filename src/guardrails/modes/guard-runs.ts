import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import type { GuardrailRun, GuardrailRunner } from '../guardrail.runner';
import type { GuardInput, GuardrailMode } from '../guardrail.types';

/** Runs the guardrails of one mode concurrently; `onRun` sees each run as soon as it finishes. */
export function runConcurrently(
  runner: GuardrailRunner,
  selected: readonly SelectedGuardrail[],
  input: GuardInput,
  mode: GuardrailMode,
  request: GuardedRequest,
  onRun?: (run: GuardrailRun) => void,
): Promise<GuardrailRun[]> {
  return Promise.all(
    selected.map(async ({ guardrail, extraBody }) => {
      const run = await runner.run(guardrail, input, {
        mode,
        requestId: request.requestId,
        signal: request.signal,
        extraBody,
      });
      onRun?.(run);
      return run;
    }),
  );
}
