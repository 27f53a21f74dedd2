import { VerdictCache } from '../../../../src/guardrails/verdict-cache/verdict-cache';
import { WardenErrorCode } from '../../../../src/common/warden.error';
import type { GuardedRequest, SelectedGuardrail } from '../../../../src/guardrails/guarded-request';
import { GuardrailRunner } from '../../../../src/guardrails/guardrail.runner';
import type { ChatMessage, Guardrail, GuardInput, Verdict } from '../../../../src/guardrails/guardrail.types';
import { UnmaskableText, type AnswerCodec } from '../../../../src/guardrails/modes/answer-codec';
import { DuringCallStrategy } from '../../../../src/guardrails/modes/during-call.strategy';
import { PostCallStrategy } from '../../../../src/guardrails/modes/post-call.strategy';
import { PreCallStrategy } from '../../../../src/guardrails/modes/pre-call.strategy';
import { MetricsService } from '../../../../src/metrics/metrics.service';
import { definition, FLAGGED, fakeGuardrail } from '../fake-guardrail';

const runner = new GuardrailRunner(
  new MetricsService(),
  { detailedDebug: false, silent: true },
  new VerdictCache({ maxEntries: 100, maxBytes: 1_000_000 }),
);

function request(signal = new AbortController().signal): GuardedRequest {
  return { requestId: 'r1', model: 'm', endpoint: 'chat', callerKeyAlias: 'test', signal };
}

function selected(...guardrails: Guardrail[]): SelectedGuardrail[] {
  return guardrails.map((guardrail) => ({ guardrail }));
}

/** A masker that replaces `word` wherever it reads it, in the messages and in the answer. */
function masker(name: string, word: string): Guardrail {
  const mask = (text: string): string => text.split(word).join(`[${name}]`);
  const textOf = (message: ChatMessage): string => (typeof message.content === 'string' ? message.content : '');
  return {
    definition: definition(name, { modes: ['pre_call', 'post_call'] }),
    responseKey: 'fake_response',
    check: (input: GuardInput): Promise<Verdict> => {
      const inMessages = input.messages.some((message) => textOf(message).includes(word));
      const inResponse = input.response?.includes(word) === true;
      if (!inMessages && !inResponse) {
        return Promise.resolve({ outcome: 'pass' });
      }
      return Promise.resolve({
        ...(FLAGGED as Extract<Verdict, { outcome: 'flagged' }>),
        rewrite: {
          messages: input.messages.map((message) => ({ ...message, content: mask(textOf(message)) })),
          ...(input.response === undefined ? {} : { response: mask(input.response) }),
        },
      });
    },
  };
}

const messages: ChatMessage[] = [{ role: 'user', content: 'alpha beta gamma' }];
const pass = (): Promise<Verdict> => Promise.resolve({ outcome: 'pass' });
const flag = (): Promise<Verdict> => Promise.resolve(FLAGGED);

describe(PreCallStrategy.name, () => {
  const strategy = new PreCallStrategy(runner);

  it('passes the messages on untouched, with nothing to record, when no guardrail applies', async () => {
    const outcome = await strategy.apply([], messages, request());
    expect(outcome).toEqual({ value: { messages }, interventions: [] });
  });

  it('decides a block and returns it with the intervention, instead of recording it', async () => {
    const outcome = await strategy.apply(selected(fakeGuardrail('stop', flag)), messages, request());
    expect(outcome.stop?.code).toBe(WardenErrorCode.GuardrailBlocked);
    expect(outcome.interventions.map(({ run, action }) => [run.guardrail.definition.name, action])).toEqual([
      ['stop', 'blocked'],
    ]);
  });

  it('lets a monitored flag through and lists it', async () => {
    const outcome = await strategy.apply(
      selected(fakeGuardrail('watch', flag, { onFlagged: 'monitor' }), fakeGuardrail('ok', pass)),
      messages,
      request(),
    );
    expect(outcome.stop).toBeUndefined();
    expect(outcome.value.messages).toBe(messages);
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['monitored']);
  });

  it('chains maskers: the second re-checks the text the first already masked', async () => {
    const outcome = await strategy.apply(selected(masker('A', 'alpha'), masker('G', 'gamma')), messages, request());
    expect(outcome.value.messages).toEqual([{ role: 'user', content: '[A] beta [G]' }]);
    expect(outcome.value.maskedBy?.run.guardrail.definition.name).toBe('A');
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['masked', 'masked']);
  });
});

describe(DuringCallStrategy.name, () => {
  const strategy = new DuringCallStrategy(runner);

  it('aborts the upstream call as soon as a guardrail blocks', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const outcome = await strategy.run(selected(fakeGuardrail('stop', flag)), messages, request(), (signal) => {
      upstreamSignal = signal;
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    expect(upstreamSignal?.aborted).toBe(true);
    expect(outcome.stop?.code).toBe(WardenErrorCode.GuardrailBlocked);
    expect(outcome.value).toBeUndefined();
  });

  it('hands back the upstream answer and the monitored flags once every guardrail has answered', async () => {
    const outcome = await strategy.run(
      selected(fakeGuardrail('watch', flag, { onFlagged: 'monitor' })),
      messages,
      request(),
      () => Promise.resolve('answer'),
    );
    expect(outcome.value).toEqual({ ok: true, value: 'answer' });
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['monitored']);
  });

  it('keeps the interventions when the upstream fails, so they are still recorded', async () => {
    const failure = new Error('upstream down');
    const outcome = await strategy.run(
      selected(fakeGuardrail('watch', flag, { onFlagged: 'monitor' })),
      messages,
      request(),
      () => Promise.reject(failure),
    );
    expect(outcome.value).toEqual({ ok: false, error: failure });
    expect(outcome.interventions).toHaveLength(1);
  });

  it('records a maskable flag as monitored: the request is already upstream', async () => {
    const outcome = await strategy.run(selected(masker('A', 'alpha')), messages, request(), () =>
      Promise.resolve('answer'),
    );
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['monitored']);
  });
});

/** An answer of named slots, as an endpoint codec would read it. */
function codec(options: { readOnly?: string[]; unmaskable?: boolean } = {}): AnswerCodec {
  return {
    jsonTexts: (body) => new Map(Object.entries(body as Record<string, string>)),
    withJsonTexts: (body, texts) => {
      if (options.unmaskable) {
        throw new UnmaskableText('the slot');
      }
      return { ...body, ...Object.fromEntries(texts) };
    },
    streamTexts: (events) => new Map(events.map((event, index) => [String(index), event])),
    withStreamTexts: (_events, texts) => [...texts.values()],
    readOnly: (slot) => options.readOnly?.includes(slot) === true,
  };
}

describe(PostCallStrategy.name, () => {
  const strategy = new PostCallStrategy(runner);

  it('masks each answer slot on its own, through the endpoint codec', async () => {
    const outcome = await strategy.checkAnswer(
      selected(masker('A', 'alpha')),
      [{ role: 'user', content: 'hi' }],
      { text: 'alpha one', tool: 'two alpha' },
      codec(),
      request(),
    );
    expect(outcome.value).toEqual({ text: '[A] one', tool: 'two [A]' });
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['masked']);
  });

  it('blocks when a mask would rewrite a read-only slot (thinking)', async () => {
    const outcome = await strategy.checkAnswer(
      selected(masker('A', 'alpha')),
      [{ role: 'user', content: 'hi' }],
      { thinking: 'alpha', text: 'fine' },
      codec({ readOnly: ['thinking'] }),
      request(),
    );
    expect(outcome.stop?.code).toBe(WardenErrorCode.GuardrailBlocked);
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['blocked']);
  });

  it('blocks, and records a block instead of a mask, when the codec cannot write the mask back', async () => {
    const body = { text: 'alpha' };
    const outcome = await strategy.checkAnswer(
      selected(masker('A', 'alpha')),
      [{ role: 'user', content: 'hi' }],
      body,
      codec({ unmaskable: true }),
      request(),
    );
    expect(outcome.stop?.code).toBe(WardenErrorCode.GuardrailBlocked);
    expect(outcome.value).toBe(body);
    expect(outcome.interventions.map(({ action }) => action)).toEqual(['blocked']);
  });

  it('holds a stream whole and releases it rewritten', async () => {
    async function* events(): AsyncGenerator<string> {
      yield await Promise.resolve('alpha and');
      yield 'more';
    }
    const outcome = await strategy.checkStream(
      selected(masker('A', 'alpha')),
      [{ role: 'user', content: 'hi' }],
      events(),
      codec(),
      request(),
    );
    const released: string[] = [];
    for await (const event of outcome.value) {
      released.push(event);
    }
    expect(released).toEqual(['[A] and', 'more']);
  });
});
