import { Injectable } from '@nestjs/common';
import { WardenError, WardenErrorCode } from '../../common/warden.error';
import { ViolationReporter } from '../../violations/violation.reporter';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { GuardrailRunner } from '../guardrail.runner';
import type { ChatMessage, GuardInput } from '../guardrail.types';
import { completionText, parseChunks, streamedText, withCompletionText, withStreamedText } from './completion-text';
import { runConcurrently } from './guard-runs';
import { settleRuns, stopIfNeeded } from './settle-runs';

/**
 * post_call: checks the input and the assistant output after the upstream answered. Streams are held whole, checked,
 * then released (masked if a guardrail masked them) or replaced by the violation before any byte is sent.
 */
@Injectable()
export class PostCallStrategy {
  constructor(
    private readonly runner: GuardrailRunner,
    private readonly reporter: ViolationReporter,
  ) {}

  async checkCompletion(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    body: Record<string, unknown>,
    request: GuardedRequest,
  ): Promise<Record<string, unknown>> {
    if (selected.length === 0) {
      return body;
    }
    const masked = await this.check(selected, { messages, response: completionText(body) }, request);
    return masked === undefined ? body : withCompletionText(body, masked);
  }

  async checkStream(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    events: AsyncIterable<string>,
    request: GuardedRequest,
  ): Promise<AsyncIterable<string>> {
    if (selected.length === 0) {
      return events;
    }
    const held: string[] = [];
    try {
      for await (const event of events) {
        held.push(event);
      }
    } catch (error) {
      if (request.signal.aborted) {
        throw error;
      }
      throw new WardenError(
        WardenErrorCode.UpstreamUnreachable,
        `upstream stream failed before it could be checked: ${(error as Error).message}`,
      );
    }
    const chunks = parseChunks(held);
    const masked = await this.check(selected, { messages, response: streamedText(chunks) }, request);
    return toAsync(masked === undefined ? held : withStreamedText(held, chunks, masked));
  }

  /** Returns the rewritten assistant text when a guardrail masked it, undefined when it stands as it is. */
  private async check(
    selected: readonly SelectedGuardrail[],
    input: GuardInput,
    request: GuardedRequest,
  ): Promise<string | undefined> {
    const runs = await runConcurrently(this.runner, selected, input, 'post_call', request);
    const settled = settleRuns(runs, true, (run, action) => this.reporter.report(run, action, request, input));
    stopIfNeeded(settled);
    const [first, ...others] = settled.masks.filter((m) => m.rewrite.response !== undefined);
    if (!first) {
      return undefined;
    }
    let current = first.rewrite.response as string;
    for (const { run } of others) {
      const recheck = await this.runner.run(
        run.guardrail,
        { messages: input.messages, response: current },
        { mode: 'post_call', requestId: request.requestId, signal: request.signal },
      );
      if (recheck.verdict.outcome === 'flagged' && recheck.verdict.rewrite?.response !== undefined) {
        current = recheck.verdict.rewrite.response;
      }
    }
    return current;
  }
}

async function* toAsync(events: readonly string[]): AsyncGenerator<string> {
  for (const event of events) {
    yield await Promise.resolve(event);
  }
}
