import { Injectable } from '@nestjs/common';
import { ViolationReporter } from '../../violations/violation.reporter';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { decide } from '../guardrail.decision';
import { GuardrailRunner } from '../guardrail.runner';
import type { ChatMessage } from '../guardrail.types';
import { runConcurrently } from './guard-runs';
import { settleRuns, stopIfNeeded } from './settle-runs';

/**
 * during_call: checks the input while the upstream call is in flight. The upstream's answer is held until every
 * guardrail has answered; the first block (or fail-closed outage) aborts the upstream request at once.
 * Latency is max(guardrails, upstream), not their sum.
 */
@Injectable()
export class DuringCallStrategy {
  constructor(
    private readonly runner: GuardrailRunner,
    private readonly reporter: ViolationReporter,
  ) {}

  async run<T>(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    request: GuardedRequest,
    callUpstream: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (selected.length === 0) {
      return callUpstream(request.signal);
    }
    const upstreamAbort = new AbortController();
    const forwardAbort = (): void => upstreamAbort.abort(request.signal.reason);
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    const upstream = callUpstream(upstreamAbort.signal).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const input = { messages };
    try {
      const runs = await runConcurrently(this.runner, selected, input, 'during_call', request, (run) => {
        const kind = decide(run).kind;
        if (kind === 'block' || kind === 'unavailable' || kind === 'bad_extra_body') {
          upstreamAbort.abort(new Error(`stopped by guardrail ${run.guardrail.definition.name}`));
        }
      });
      const settled = settleRuns(runs, false, (run, action) => this.reporter.report(run, action, request, input));
      stopIfNeeded(settled);
    } finally {
      request.signal.removeEventListener('abort', forwardAbort);
    }
    const result = await upstream;
    if (!result.ok) {
      throw result.error;
    }
    return result.value;
  }
}
