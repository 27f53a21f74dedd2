import { Injectable } from '@nestjs/common';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { GuardrailRunner } from '../guardrail.runner';
import type { ChatMessage } from '../guardrail.types';
import type { Intervention, ModeOutcome } from '../intervention';
import { runConcurrently } from './guard-runs';
import { settleRecheck, settleRuns, stopFor } from './settle-runs';

export interface PreCallResult {
  /** The messages to send: masked where a guardrail masked them, else the input itself. */
  messages: ChatMessage[];
  /** The first mask applied, which blocks instead if the endpoint cannot write the mask back. */
  maskedBy?: Intervention;
}

/** pre_call: checks the input before the upstream is called; decides to block, or which messages to send. */
@Injectable()
export class PreCallStrategy {
  constructor(private readonly runner: GuardrailRunner) {}

  async apply(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    request: GuardedRequest,
  ): Promise<ModeOutcome<PreCallResult>> {
    if (selected.length === 0) {
      return { value: { messages }, interventions: [] };
    }
    const input = { messages };
    const runs = await runConcurrently(this.runner, selected, input, 'pre_call', request);
    const settled = settleRuns(runs, true, input);
    const { interventions } = settled;
    const stop = stopFor(settled);
    const [first, ...others] = settled.masks;
    if (stop || !first) {
      return { value: { messages }, interventions, stop };
    }
    // Masks were computed concurrently on the original text; later maskers re-check the already masked messages
    // so their spans are found in the text that will actually be sent.
    let current = first.rewrite.messages ?? messages;
    for (const { run } of others) {
      const recheckInput = { messages: current };
      const recheck = settleRecheck(
        await this.runner.run(run.guardrail, recheckInput, {
          mode: 'pre_call',
          requestId: request.requestId,
          signal: request.signal,
        }),
        recheckInput,
      );
      if (recheck.intervention) {
        interventions.push(recheck.intervention);
      }
      if (recheck.stop) {
        return { value: { messages }, interventions, stop: recheck.stop };
      }
      current = recheck.rewrite?.messages ?? current;
    }
    return { value: { messages: current, maskedBy: first.intervention }, interventions };
  }
}
