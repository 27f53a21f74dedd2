import { OPENAI_DATA_STREAM } from '../chat/chat.adapter';
import type { EndpointAdapter } from '../endpoint.adapter';
import { completionsAnswerCodec } from './completions-answer.codec';
import { completionsGuardMessages, completionsWithMaskedMessages } from './completions-guard-view';
import { parseCompletionsRequest, type CompletionsRequest } from './completions-request';
import { completionsViaChat } from './completions-via-chat';

/**
 * `POST /v1/completions` (legacy): guardrails read each prompt and the suffix, and the generated text of each
 * choice. Native on openai/ and azure/; other models answer through chat completions, one prompt at a time.
 */
export const completionsAdapter: EndpointAdapter<CompletionsRequest> = {
  endpoint: 'completions',
  parse: (body) => parseCompletionsRequest(body),
  guardMessages: completionsGuardMessages,
  withMaskedMessages: completionsWithMaskedMessages,
  upstreamRequest: (request) => ({
    operation: 'completions',
    body: request.body,
    stream: request.stream,
    viaChat: completionsViaChat(request),
  }),
  answerCodec: completionsAnswerCodec,
  streamFormat: OPENAI_DATA_STREAM,
};
