import type { ModelDeployment } from '../../config/config.schema';
import type { AnswerCodec } from '../../guardrails/modes/answer-codec';
import type { ChatMessage } from '../../guardrails/guardrail.types';
import type { UpstreamResponse } from '../../models/providers/llm-provider.interface';
import { completionAsChunks } from '../../models/providers/openai-compatible.call';
import type { UpstreamRequest } from '../../models/upstream-request';
import type { EndpointAdapter, StreamFormat } from '../endpoint.adapter';
import { chatStreamAsResponseEvents } from './chat-stream-to-responses';
import { completionAsResponse } from './chat-to-responses';
import { RESPONSES_ANSWER_CODEC } from './responses-answer.codec';
import { responsesGuardMessages, withMaskedResponsesInput } from './responses-guard-view';
import { parseResponsesRequest, type ResponsesRequest } from './responses-request';
import { RESPONSES_STREAM_FORMAT } from './responses-stream.format';
import { toChatRequest } from './responses-translation';

/**
 * `POST /v1/responses`: native on openai/ and azure/ deployments (the client's body, less Warden's fields), through
 * chat completions on every other provider.
 */
export class ResponsesAdapter implements EndpointAdapter<ResponsesRequest> {
  readonly endpoint = 'responses';
  readonly streamFormat: StreamFormat = RESPONSES_STREAM_FORMAT;

  parse(body: unknown): ResponsesRequest {
    return parseResponsesRequest(body);
  }

  guardMessages(request: ResponsesRequest): ChatMessage[] {
    return responsesGuardMessages(request.body);
  }

  withMaskedMessages(request: ResponsesRequest, masked: ChatMessage[]): ResponsesRequest {
    return { ...request, body: withMaskedResponsesInput(request.body, masked) };
  }

  upstreamRequest(request: ResponsesRequest): UpstreamRequest {
    const { body, stream } = request;
    return {
      operation: 'responses',
      body,
      stream,
      viaChat: {
        request: (deployment: ModelDeployment) => toChatRequest(body, deployment.modelName),
        answer: (response: UpstreamResponse) => chatAnswerAsResponses(response, body, stream),
      },
    };
  }

  answerCodec(): AnswerCodec {
    return RESPONSES_ANSWER_CODEC;
  }
}

/** A chat answer in the Responses format; a JSON completion answered to a stream request is replayed as events. */
export function chatAnswerAsResponses(
  response: UpstreamResponse,
  request: Readonly<Record<string, unknown>>,
  stream: boolean,
): UpstreamResponse {
  const { headers } = response;
  if (response.kind === 'stream') {
    return { kind: 'stream', events: chatStreamAsResponseEvents(response.events, request), headers };
  }
  if (stream) {
    const events = chatStreamAsResponseEvents(completionAsChunks(response.body), request);
    return { kind: 'stream', events, headers };
  }
  return { kind: 'json', body: completionAsResponse(response.body, request), headers };
}

export const responsesAdapter: EndpointAdapter<ResponsesRequest> = new ResponsesAdapter();
