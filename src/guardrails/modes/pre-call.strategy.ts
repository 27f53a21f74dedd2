import { Injectable } from '@nestjs/common';
import { ViolationReporter } from '../../violations/violation.reporter';
import type { ViolationAction } from '../../violations/violation.types';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { GuardrailRunner, type GuardrailRun } from '../guardrail.runner';
import type { ChatMessage } from '../guardrail.types';
import { runConcurrently } from './guard-runs';
import { settleRecheck, settleRuns, stopIfNeeded } from './settle-runs';

/**
 * pre_call: checks the input before the upstream is called. Blocks (the upstream is never called) or returns the
 * messages to send, masked where a guardrail masked them.
 */
@Injectable()
export class PreCallStrategy {
  constructor(
    private readonly runner: GuardrailRunner,
    private readonly reporter: ViolationReporter,
  ) {}

  async apply(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    request: GuardedRequest,
  ): Promise<ChatMessage[]> {
    if (selected.length === 0) {
      return messages;
    }
    const input = { messages };
    const report = (run: GuardrailRun, action: ViolationAction): void =>
      this.reporter.report(run, action, request, input);
    const runs = await runConcurrently(this.runner, selected, input, 'pre_call', request);
    const settled = settleRuns(runs, true, report);
    stopIfNeeded(settled);
    const [first, ...others] = settled.masks;
    if (!first) {
      return messages;
    }
    // Masks were computed concurrently on the original text; later maskers re-check the already masked messages
    // so their spans are found in the text that will actually be sent.
    let current = first.rewrite.messages ?? messages;
    for (const { run } of others) {
      const recheck = await this.runner.run(
        run.guardrail,
        { messages: current },
        { mode: 'pre_call', requestId: request.requestId, signal: request.signal },
      );
      current = settleRecheck(recheck, report)?.messages ?? current;
    }
    return current;
  }
}
