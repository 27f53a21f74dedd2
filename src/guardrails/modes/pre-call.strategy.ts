import { Injectable } from '@nestjs/common';
import { ViolationReporter } from '../../violations/violation.reporter';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { GuardrailRunner } from '../guardrail.runner';
import type { ChatMessage } from '../guardrail.types';
import { runConcurrently } from './guard-runs';
import { settleRuns, stopIfNeeded } from './settle-runs';

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
    const runs = await runConcurrently(this.runner, selected, input, 'pre_call', request);
    const settled = settleRuns(runs, true, (run, action) => this.reporter.report(run, action, request, input));
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
      if (recheck.verdict.outcome === 'flagged' && recheck.verdict.rewrite?.messages) {
        current = recheck.verdict.rewrite.messages;
      }
    }
    return current;
  }
}
