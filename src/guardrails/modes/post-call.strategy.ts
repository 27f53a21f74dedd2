import { Injectable } from '@nestjs/common';
import { WardenError, WardenErrorCode } from '../../common/warden.error';
import { ViolationReporter } from '../../violations/violation.reporter';
import type { ViolationAction } from '../../violations/violation.types';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { GuardrailRunner, type GuardrailRun } from '../guardrail.runner';
import type { ChatMessage, Guardrail } from '../guardrail.types';
import {
  completionTexts,
  joinedText,
  parseChunks,
  streamedTexts,
  withCompletionTexts,
  withStreamedTexts,
  type AnswerTexts,
} from './completion-text';
import { runConcurrently } from './guard-runs';
import { settleRecheck, settleRuns, stopIfNeeded } from './settle-runs';

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
    const masked = await this.check(selected, messages, completionTexts(body), request);
    return masked === undefined ? body : withCompletionTexts(body, masked);
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
    const masked = await this.check(selected, messages, streamedTexts(chunks), request);
    return toAsync(masked === undefined ? held : withStreamedTexts(held, chunks, masked));
  }

  /**
   * Checks the input and every text the model wrote (all choices, tool call arguments included) as one text.
   * Returns the new texts when a guardrail masked them, undefined when the answer stands as it is.
   */
  private async check(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    texts: AnswerTexts,
    request: GuardedRequest,
  ): Promise<AnswerTexts | undefined> {
    const input = { messages, response: joinedText(texts) };
    const report = (run: GuardrailRun, action: ViolationAction): void =>
      this.reporter.report(run, action, request, input);
    const runs = await runConcurrently(this.runner, selected, input, 'post_call', request);
    const settled = settleRuns(runs, true, report);
    stopIfNeeded(settled);
    const masks = settled.masks.filter((mask) => mask.rewrite.response !== undefined);
    const [first] = masks;
    if (!first || texts.size === 0) {
      return undefined;
    }
    const maskers = masks.map((mask) => mask.run.guardrail);
    if (texts.size === 1) {
      const [index] = texts.keys();
      const masked = await this.remask(maskers.slice(1), first.rewrite.response as string, messages, request, report);
      return new Map([[index, masked]]);
    }
    // The texts were checked as one; each is masked again on its own, so every mask lands in the text it belongs to.
    const entries = await Promise.all(
      [...texts].map(
        async ([index, text]) => [index, await this.remask(maskers, text, messages, request, report)] as const,
      ),
    );
    return new Map(entries);
  }

  /** Runs the maskers in definition order over `text`, each on the previous one's result. */
  private async remask(
    maskers: readonly Guardrail[],
    text: string,
    messages: ChatMessage[],
    request: GuardedRequest,
    report: (run: GuardrailRun, action: ViolationAction) => void,
  ): Promise<string> {
    let current = text;
    for (const guardrail of maskers) {
      const recheck = await this.runner.run(
        guardrail,
        { messages, response: current },
        { mode: 'post_call', requestId: request.requestId, signal: request.signal },
      );
      current = settleRecheck(recheck, report)?.response ?? current;
    }
    return current;
  }
}

async function* toAsync(events: readonly string[]): AsyncGenerator<string> {
  for (const event of events) {
    yield await Promise.resolve(event);
  }
}
