import { Injectable } from '@nestjs/common';
import { WardenError, WardenErrorCode } from '../../common/warden.error';
import type { GuardedRequest, SelectedGuardrail } from '../guarded-request';
import { GuardrailRunner } from '../guardrail.runner';
import type { ChatMessage, Guardrail, GuardInput } from '../guardrail.types';
import type { Intervention, ModeOutcome } from '../intervention';
import { UnmaskableText, type AnswerCodec, type AnswerTexts } from './answer-codec';
import { runConcurrently } from './guard-runs';
import { blockedError, settleRecheck, settleRuns, stopFor } from './settle-runs';

type Json = Record<string, unknown>;

/** The new answer texts (and the first mask behind them), or why the request stops. */
type CheckOutcome = ModeOutcome<AnswerTexts | undefined> & { firstMask?: Intervention };

/**
 * post_call: checks the input and the model's answer after the upstream answered, through the endpoint's codec.
 * Streams are held whole, checked, then released (masked if a guardrail masked them) or replaced by the violation
 * before any byte is sent.
 */
@Injectable()
export class PostCallStrategy {
  constructor(private readonly runner: GuardrailRunner) {}

  async checkAnswer(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    body: Json,
    codec: AnswerCodec,
    request: GuardedRequest,
  ): Promise<ModeOutcome<Json>> {
    if (selected.length === 0) {
      return { value: body, interventions: [] };
    }
    const checked = await this.check(selected, messages, codec.jsonTexts(body), codec, request);
    return rewritten(checked, body, (texts) => codec.withJsonTexts(body, texts));
  }

  async checkStream(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    events: AsyncIterable<string>,
    codec: AnswerCodec,
    request: GuardedRequest,
  ): Promise<ModeOutcome<AsyncIterable<string>>> {
    if (selected.length === 0) {
      return { value: events, interventions: [] };
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
    const checked = await this.check(selected, messages, codec.streamTexts(held), codec, request);
    const outcome = rewritten(checked, held, (texts) => codec.withStreamTexts(held, texts));
    return { ...outcome, value: toAsync(outcome.value) };
  }

  /**
   * Checks the input and every text the model wrote as one text. The value is the new texts when a guardrail
   * masked them, undefined when the answer stands as it is.
   */
  private async check(
    selected: readonly SelectedGuardrail[],
    messages: ChatMessage[],
    texts: AnswerTexts,
    codec: AnswerCodec,
    request: GuardedRequest,
  ): Promise<CheckOutcome> {
    const input = { messages, response: [...texts.values()].join('\n\n') };
    const runs = await runConcurrently(this.runner, selected, input, 'post_call', request);
    const settled = settleRuns(runs, true, input);
    const { interventions } = settled;
    const stop = stopFor(settled);
    const masks = settled.masks.filter((mask) => mask.rewrite.response !== undefined);
    const [first] = masks;
    if (stop || !first || texts.size === 0) {
      return { value: undefined, interventions, stop };
    }
    const maskers = masks.map((mask) => mask.run.guardrail);
    const remask = new Remask(this.runner, messages, request, interventions);
    let masked: Map<string, string>;
    if (texts.size === 1) {
      const [slot] = texts.keys();
      masked = new Map([[slot, await remask.apply(maskers.slice(1), first.rewrite.response as string)]]);
    } else {
      // The texts were checked as one; each is masked again on its own, so every mask lands in the text it belongs to.
      const entries = await Promise.all(
        [...texts].map(async ([slot, text]) => [slot, await remask.apply(maskers, text)] as const),
      );
      masked = new Map(entries);
    }
    if (remask.stop) {
      return { value: undefined, interventions, stop: remask.stop };
    }
    const readOnlyChanged = [...masked].some(([slot, text]) => text !== texts.get(slot) && codec.readOnly?.(slot));
    if (readOnlyChanged) {
      return {
        value: undefined,
        interventions: asBlocked(interventions, first.intervention),
        stop: blockedError(first.run),
      };
    }
    return { value: masked, interventions, firstMask: first.intervention };
  }
}

/** Runs maskers in definition order over a text, each on the previous one's result; remembers the first stop. */
class Remask {
  stop?: WardenError;

  constructor(
    private readonly runner: GuardrailRunner,
    private readonly messages: ChatMessage[],
    private readonly request: GuardedRequest,
    private readonly interventions: Intervention[],
  ) {}

  async apply(maskers: readonly Guardrail[], text: string): Promise<string> {
    let current = text;
    for (const guardrail of maskers) {
      if (this.stop) {
        return current;
      }
      const input: GuardInput = { messages: this.messages, response: current };
      const recheck = settleRecheck(
        await this.runner.run(guardrail, input, {
          mode: 'post_call',
          requestId: this.request.requestId,
          signal: this.request.signal,
        }),
        input,
      );
      if (recheck.intervention) {
        this.interventions.push(recheck.intervention);
      }
      this.stop ??= recheck.stop;
      current = recheck.rewrite?.response ?? current;
    }
    return current;
  }
}

/** Applies the masked texts with `write`; a codec that cannot place a mask faithfully turns the mask into a block. */
function rewritten<T>(checked: CheckOutcome, original: T, write: (texts: AnswerTexts) => T): ModeOutcome<T> {
  const { value: texts, interventions, stop, firstMask } = checked;
  if (stop || texts === undefined) {
    return { value: original, interventions, stop };
  }
  try {
    return { value: write(texts), interventions };
  } catch (error) {
    if (!(error instanceof UnmaskableText) || !firstMask) {
      throw error;
    }
    return { value: original, interventions: asBlocked(interventions, firstMask), stop: blockedError(firstMask.run) };
  }
}

/** The interventions with `mask` recorded as the block it became. */
function asBlocked(interventions: Intervention[], mask: Intervention): Intervention[] {
  return interventions.map((intervention) =>
    intervention === mask ? { ...intervention, action: 'blocked' } : intervention,
  );
}

async function* toAsync(events: readonly string[]): AsyncGenerator<string> {
  for (const event of events) {
    yield await Promise.resolve(event);
  }
}
