import { Injectable } from '@nestjs/common';
import type { GuardedRequest } from '../guardrails/guarded-request';
import { GuardrailRegistry } from '../guardrails/guardrail.registry';
import { selectGuardrails } from '../guardrails/guardrail.selector';
import { DuringCallStrategy } from '../guardrails/modes/during-call.strategy';
import { PostCallStrategy } from '../guardrails/modes/post-call.strategy';
import { PreCallStrategy } from '../guardrails/modes/pre-call.strategy';
import { ModelRouter } from '../models/model-router.service';
import { parseChatRequest } from './chat-request';

export const APPLIED_GUARDRAILS_HEADER = 'x-warden-applied-guardrails';

export interface ChatContext {
  requestId: string;
  callerKeyAlias: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** Sets a response header now, so it is sent with errors as well as answers. */
  setHeader(name: string, value: string): void;
}

export type ChatResult =
  { kind: 'json'; body: Record<string, unknown> } | { kind: 'stream'; events: AsyncIterable<string> };

/**
 * The request's one-way path: parse -> select guardrails -> pre_call -> upstream (|| during_call) -> post_call.
 * Guardrails come from the in-memory registry only; violations are enqueued, never written here.
 */
@Injectable()
export class ChatPipeline {
  constructor(
    private readonly router: ModelRouter,
    private readonly registry: GuardrailRegistry,
    private readonly preCall: PreCallStrategy,
    private readonly duringCall: DuringCallStrategy,
    private readonly postCall: PostCallStrategy,
  ) {}

  async run(body: unknown, context: ChatContext): Promise<ChatResult> {
    context.setHeader(APPLIED_GUARDRAILS_HEADER, '');
    const request = parseChatRequest(body);
    this.router.assertKnown(request.model);
    const selection = selectGuardrails(this.registry.snapshot(), request.requestedGuardrails);
    context.setHeader(APPLIED_GUARDRAILS_HEADER, selection.applied.join(','));
    const guarded: GuardedRequest = {
      requestId: context.requestId,
      model: request.model,
      callerKeyAlias: context.callerKeyAlias,
      signal: context.signal,
    };

    const messages = await this.preCall.apply(selection.pre_call, request.messages, guarded);
    const upstreamBody = messages === request.messages ? request.upstreamBody : { ...request.upstreamBody, messages };
    const { response } = await this.duringCall.run(selection.during_call, messages, guarded, (signal) =>
      this.router.complete(request.model, upstreamBody, request.stream, signal, context.requestId),
    );
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      context.setHeader(name, value);
    }
    if (response.kind === 'json') {
      return {
        kind: 'json',
        body: await this.postCall.checkCompletion(selection.post_call, messages, response.body, guarded),
      };
    }
    return {
      kind: 'stream',
      events: await this.postCall.checkStream(selection.post_call, messages, response.events, guarded),
    };
  }
}
