import type { ChatMessage } from '../../guardrails/guardrail.types';
import { UnmaskableText } from '../endpoint.adapter';
import type { CompletionsRequest } from './completions-request';
import { writeTexts } from './text-or-tokens';

/** Each prompt text as a user message, then the suffix as another: both are text the model reads. */
export function completionsGuardMessages(request: CompletionsRequest): ChatMessage[] {
  const prompts = request.prompt.kind === 'texts' ? request.prompt.texts : [];
  const texts = request.suffix === undefined ? prompts : [...prompts, request.suffix];
  return texts.map((content) => ({ role: 'user', content }));
}

/** Writes masked texts back into `prompt` (or `prompt[i]`) and `suffix`, in the order guardMessages listed them. */
export function completionsWithMaskedMessages(request: CompletionsRequest, masked: ChatMessage[]): CompletionsRequest {
  const texts = plainTexts(masked, 'prompt');
  const { prompt } = request;
  const promptCount = prompt.kind === 'texts' ? prompt.texts.length : 0;
  if (texts.length !== promptCount + (request.suffix === undefined ? 0 : 1)) {
    throw new UnmaskableText('prompt');
  }
  const body = { ...request.body };
  let next: CompletionsRequest = { ...request, body };
  if (prompt.kind === 'texts') {
    const promptTexts = texts.slice(0, promptCount);
    body.prompt = writeTexts(prompt, promptTexts);
    next = { ...next, prompt: { ...prompt, texts: promptTexts } };
  }
  if (request.suffix !== undefined) {
    body.suffix = texts[promptCount];
    next = { ...next, suffix: texts[promptCount] };
  }
  return next;
}

/** The string content of each message; a guardrail that returned anything else cannot be written back. */
export function plainTexts(messages: readonly ChatMessage[], where: string): string[] {
  return messages.map((message, index) => {
    if (typeof message.content !== 'string') {
      throw new UnmaskableText(`${where}[${index}]`);
    }
    return message.content;
  });
}
