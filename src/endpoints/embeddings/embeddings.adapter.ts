import { NO_ANSWER_TEXT } from '../../guardrails/modes/answer-codec';
import type { ChatMessage } from '../../guardrails/guardrail.types';
import { OPENAI_DATA_STREAM } from '../chat/chat.adapter';
import { plainTexts } from '../completions/completions-guard-view';
import { writeTexts } from '../completions/text-or-tokens';
import { UnmaskableText, type EndpointAdapter } from '../endpoint.adapter';
import { parseEmbeddingsRequest, type EmbeddingsRequest } from './embeddings-request';

/** Each input text as a user message. */
export function embeddingsGuardMessages(request: EmbeddingsRequest): ChatMessage[] {
  return request.input.kind === 'texts' ? request.input.texts.map((content) => ({ role: 'user', content })) : [];
}

/** Masks go into `input` (or `input[i]`): the vectors then describe the masked text. */
export function embeddingsWithMaskedMessages(request: EmbeddingsRequest, masked: ChatMessage[]): EmbeddingsRequest {
  const { input } = request;
  const texts = plainTexts(masked, 'input');
  if (input.kind !== 'texts' || texts.length !== input.texts.length) {
    throw new UnmaskableText('input');
  }
  return {
    ...request,
    body: { ...request.body, input: writeTexts(input, texts) },
    input: { ...input, texts },
  };
}

/**
 * `POST /v1/embeddings`: guardrails in every mode read the input (an answer of vectors has no text). Native on
 * openai/, azure/ and mock/; no chat model can answer it, so other models are a 400 naming the model.
 */
export const embeddingsAdapter: EndpointAdapter<EmbeddingsRequest> = {
  endpoint: 'embeddings',
  parse: (body) => parseEmbeddingsRequest(body),
  guardMessages: embeddingsGuardMessages,
  withMaskedMessages: embeddingsWithMaskedMessages,
  upstreamRequest: (request) => ({ operation: 'embeddings', body: request.body, stream: false }),
  answerCodec: () => NO_ANSWER_TEXT,
  // Never used (embeddings do not stream), but every adapter says how its stream would go on the wire.
  streamFormat: OPENAI_DATA_STREAM,
};
