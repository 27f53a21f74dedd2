import { Injectable } from '@nestjs/common';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { decide } from '../guardrail.decision';
import { GuardrailRunner } from '../guardrail.runner';
import type { ChatMessage } from '../guardrail.types';
import type { ModeOutcome } from '../intervention';
import { runConcurrently } from './guard-runs';
import { settleRuns, stopFor } from './settle-runs';

/** The upstream call's own result, kept apart from the guardrails' decisions so both are always seen. */
export type UpstreamSettled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * during_call: checks the input while the upstream call is in flight. The upstream's answer is held until every
 * guardrail has answered; the first block (or fail-closed outage) aborts the upstream request at once.
 * Latency is max(guardrails, upstream), not their sum.
 */
@Injectable()
export class DuringCallStrategy {
  constructor(private readonly runner: GuardrailRunner) {}

  async run<T>(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    request: GuardedRequest,
    callUpstream: (signal: AbortSignal) => Promise<T>,
  ): Promise<ModeOutcome<UpstreamSettled<T> | undefined>> {
    if (selected.length === 0) {
      return { value: await settle(callUpstream(request.signal)), interventions: [] };
    }
    const upstreamAbort = new AbortController();
    const forwardAbort = (): void => upstreamAbort.abort(request.signal.reason);
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    const upstream = settle(callUpstream(upstreamAbort.signal));
    const input = { messages };
    try {
      const runs = await runConcurrently(this.runner, selected, input, 'during_call', request, (run) => {
        const kind = decide(run).kind;
        if (kind === 'block' || kind === 'unavailable' || kind === 'bad_extra_body') {
          upstreamAbort.abort(new Error(`stopped by guardrail ${run.guardrail.definition.name}`));
        }
      });
      const settled = settleRuns(runs, false, input);
      const stop = stopFor(settled);
      if (stop) {
        return { value: undefined, interventions: settled.interventions, stop };
      }
      return { value: await upstream, interventions: settled.interventions };
    } finally {
      request.signal.removeEventListener('abort', forwardAbort);
    }
  }
}

function settle<T>(promise: Promise<T>): Promise<UpstreamSettled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
