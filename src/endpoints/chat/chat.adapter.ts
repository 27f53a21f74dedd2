import { toHttpError } from '../../common/openai-error';
import type { ChatMessage } from '../../guardrails/guardrail.types';
import type { UpstreamRequest } from '../../models/upstream-request';
import type { EndpointAdapter, StreamFormat } from '../endpoint.adapter';
import { sseFrame } from '../sse.writer';
import { chatAnswerCodec } from './chat-answer';
import { parseChatRequest, type ChatRequest } from './chat-request';

/** OpenAI's data-only SSE: one `data:` frame per chunk, `data: [DONE]` at the end, errors as an `{"error"}` frame. */
export const OPENAI_DATA_STREAM: StreamFormat = {
  frame: (data) => sseFrame(data),
  end: 'data: [DONE]\n\n',
  errorFrame: (error) => `data: ${JSON.stringify(toHttpError(error).body)}\n\ndata: [DONE]\n\n`,
};

/** `POST /v1/chat/completions`: every provider speaks it, so it is never translated. */
export const chatAdapter: EndpointAdapter<ChatRequest> = {
  endpoint: 'chat',
  parse: (body) => parseChatRequest(body),
  guardMessages: (request) => request.messages,
  withMaskedMessages: (request, masked: ChatMessage[]) => ({
    ...request,
    messages: masked,
    upstreamBody: { ...request.upstreamBody, messages: masked },
  }),
  upstreamRequest: (request): UpstreamRequest => ({
    operation: 'chat',
    body: request.upstreamBody,
    stream: request.stream,
  }),
  answerCodec: () => chatAnswerCodec,
  streamFormat: OPENAI_DATA_STREAM,
};
