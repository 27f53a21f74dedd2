import { Injectable } from '@nestjs/common';
import { ModelRouter } from '../models/model-router.service';
import { parseChatRequest } from './chat-request';

export interface ChatContext {
  requestId: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
}

export type ChatResult =
  | { kind: 'json'; body: Record<string, unknown>; headers: Record<string, string> }
  | { kind: 'stream'; events: AsyncIterable<string>; headers: Record<string, string> };

/** The request's one-way path: parse -> route upstream -> answer. */
@Injectable()
export class ChatPipeline {
  constructor(private readonly router: ModelRouter) {}

  async run(body: unknown, context: ChatContext): Promise<ChatResult> {
    const request = parseChatRequest(body);
    const { response } = await this.router.complete(
      request.model,
      request.upstreamBody,
      request.stream,
      context.signal,
    );
    if (response.kind === 'json') {
      return { kind: 'json', body: response.body, headers: {} };
    }
    return { kind: 'stream', events: response.events, headers: {} };
  }
}
