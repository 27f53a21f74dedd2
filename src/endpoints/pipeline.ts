import { Injectable } from '@nestjs/common';
import { WardenError } from '../common/warden.error';
import type { GuardedRequest, GuardrailSelection } from '../guardrails/guarded-request';
import { GuardrailRegistry } from '../guardrails/guardrail.registry';
import { selectGuardrails } from '../guardrails/guardrail.selector';
import type { ChatMessage } from '../guardrails/guardrail.types';
import type { Intervention, ModeOutcome } from '../guardrails/intervention';
import { UnmaskableText } from '../guardrails/modes/answer-codec';
import { DuringCallStrategy } from '../guardrails/modes/during-call.strategy';
import { PostCallStrategy } from '../guardrails/modes/post-call.strategy';
import { PreCallStrategy, type PreCallResult } from '../guardrails/modes/pre-call.strategy';
import { blockedError } from '../guardrails/modes/settle-runs';
import { assertModelAllowed } from '../keys/key-access';
import type { LiveKey } from '../keys/live-key';
import { ModelRouter } from '../models/model-router.service';
import { ViolationReporter } from '../violations/violation.reporter';
import type { EndpointAdapter, ParsedRequest, RequestHeaders } from './endpoint.adapter';

export const APPLIED_GUARDRAILS_HEADER = 'x-warden-applied-guardrails';

export interface EndpointContext {
  requestId: string;
  callerKeyAlias: string;
  /** The caller's virtual key (models it may call, its guardrails); undefined for the master key. */
  callerKey?: LiveKey;
  headers: RequestHeaders;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** Sets a response header now, so it is sent with errors as well as answers. */
  setHeader(name: string, value: string): void;
}

export type EndpointResult =
  | { kind: 'json'; body: Record<string, unknown> }
  /** The upstream's JSON as it sent it: nothing read or rewrote its answer, so it is not serialised again. */
  | { kind: 'raw_json'; text: string }
  | { kind: 'stream'; events: AsyncIterable<string> };

/**
 * The one path every API takes: parse -> select guardrails -> pre_call -> upstream (|| during_call) -> post_call,
 * each step's interventions recorded as it ends. The adapter is the only part that knows the API; guardrails come
 * from the in-memory registry only, and violations are enqueued, never written here.
 */
@Injectable()
export class GuardrailPipeline {
  constructor(
    private readonly router: ModelRouter,
    private readonly registry: GuardrailRegistry,
    private readonly preCall: PreCallStrategy,
    private readonly duringCall: DuringCallStrategy,
    private readonly postCall: PostCallStrategy,
    private readonly reporter: ViolationReporter,
  ) {}

  async run<R extends ParsedRequest>(
    adapter: EndpointAdapter<R>,
    body: unknown,
    context: EndpointContext,
  ): Promise<EndpointResult> {
    const applied = new AppliedGuardrails(context);
    let request = adapter.parse(body, context.headers);
    this.router.assertKnown(request.model);
    assertModelAllowed(context.callerKey, request.model);
    const selection = selectGuardrails(this.registry.snapshot(), request.requestedGuardrails, context.callerKey);
    if (request.unreadable && selection.applied.length > 0) {
      const { param, message } = request.unreadable;
      throw WardenError.invalidRequest(
        `${message} Guardrails (${selection.applied.join(', ')}) apply to this request and cannot read it: send text instead.`,
        param,
      );
    }
    const guarded: GuardedRequest = {
      requestId: context.requestId,
      model: request.model,
      endpoint: adapter.endpoint,
      callerKeyAlias: context.callerKeyAlias,
      callerTeam: context.callerKey?.team ?? null,
      signal: context.signal,
    };
    let messages: ChatMessage[] = selection.applied.length > 0 ? adapter.guardMessages(request) : [];

    applied.add(selection.pre_call);
    const pre = await this.preCall.apply(selection.pre_call, messages, guarded);
    const masked = this.writeBack(adapter, request, pre);
    this.settle(pre, guarded);
    if (masked) {
      request = masked;
      messages = pre.value.messages;
    }

    applied.add(selection.during_call);
    const upstreamRequest = adapter.upstreamRequest(request);
    const upstream = this.settle(
      await this.duringCall.run(selection.during_call, messages, guarded, (signal) =>
        this.router.call(request.model, upstreamRequest, signal, context.requestId),
      ),
      guarded,
    );
    if (!upstream?.ok) {
      throw upstream?.error;
    }
    const { response } = upstream.value;
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      context.setHeader(name, value);
    }

    applied.add(selection.post_call);
    const codec = adapter.answerCodec(request);
    if (response.kind === 'json' && response.text !== undefined && selection.post_call.length === 0) {
      return { kind: 'raw_json', text: response.text };
    }
    if (response.kind === 'json') {
      const body = this.settle(
        await this.postCall.checkAnswer(selection.post_call, messages, response.body, codec, guarded),
        guarded,
      );
      return { kind: 'json', body };
    }
    const events = this.settle(
      await this.postCall.checkStream(selection.post_call, messages, response.events, codec, guarded),
      guarded,
    );
    return { kind: 'stream', events };
  }

  /** Records a step's interventions, then stops the request if the step decided so. */
  private settle<T>(outcome: ModeOutcome<T>, request: GuardedRequest): T {
    this.record(outcome.interventions, request);
    if (outcome.stop) {
      throw outcome.stop;
    }
    return outcome.value;
  }

  private record(interventions: readonly Intervention[], request: GuardedRequest): void {
    for (const { run, action, input } of interventions) {
      this.reporter.report(run, action, request, input);
    }
  }

  /**
   * The request with pre_call's masks written back. A mask the endpoint cannot write back faithfully blocks instead
   * (the text must not go out unmasked): the outcome is changed to say so before it is settled.
   */
  private writeBack<R extends ParsedRequest>(
    adapter: EndpointAdapter<R>,
    request: R,
    pre: ModeOutcome<PreCallResult>,
  ): R | undefined {
    const { maskedBy } = pre.value;
    if (pre.stop || !maskedBy) {
      return undefined;
    }
    try {
      return adapter.withMaskedMessages(request, pre.value.messages);
    } catch (error) {
      if (!(error instanceof UnmaskableText)) {
        throw error;
      }
      pre.interventions = pre.interventions.map((intervention) =>
        intervention === maskedBy ? { ...intervention, action: 'blocked' } : intervention,
      );
      pre.stop = blockedError(maskedBy.run);
      return undefined;
    }
  }
}

/** `x-warden-applied-guardrails`: the guardrails that actually ran, updated as each mode starts. */
class AppliedGuardrails {
  private readonly names: string[] = [];

  constructor(private readonly context: EndpointContext) {
    context.setHeader(APPLIED_GUARDRAILS_HEADER, '');
  }

  add(selected: GuardrailSelection['pre_call']): void {
    let changed = false;
    for (const { guardrail } of selected) {
      if (!this.names.includes(guardrail.definition.name)) {
        this.names.push(guardrail.definition.name);
        changed = true;
      }
    }
    if (changed) {
      this.context.setHeader(APPLIED_GUARDRAILS_HEADER, this.names.join(','));
    }
  }
}
