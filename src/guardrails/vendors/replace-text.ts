import type { ChatMessage } from '../guardrail.types';

/** The message with `text` as its only text; in a multi-part message non-text parts (images) stay in place. */
export function replaceText(message: ChatMessage, text: string): ChatMessage {
  const { content } = message;
  if (!Array.isArray(content)) {
    return { ...message, content: text };
  }
  let replaced = false;
  const parts = content.flatMap((part) => {
    if (typeof part?.text !== 'string') {
      return [part];
    }
    if (replaced) {
      return [];
    }
    replaced = true;
    return [{ ...part, text }];
  });
  return { ...message, content: replaced ? parts : [...parts, { type: 'text', text }] };
}
