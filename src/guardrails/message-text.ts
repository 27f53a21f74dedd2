import type { ChatMessage, ContentPart } from './guardrail.types';

/** The inspectable text of a message: the string content, or its text parts joined by newlines. */
export function textOf(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content
      .filter((part): part is ContentPart & { text: string } => typeof part?.text === 'string')
      .map((part) => part.text)
      .join('\n');
  }
  return '';
}

/**
 * Returns a copy of the message whose text (string content, or each text part) went through `rewrite`.
 * Non-text parts and other fields are kept as they are.
 */
export function rewriteText(message: ChatMessage, rewrite: (text: string) => string): ChatMessage {
  const { content } = message;
  if (typeof content === 'string') {
    return { ...message, content: rewrite(content) };
  }
  if (Array.isArray(content)) {
    return {
      ...message,
      content: content.map((part) => (typeof part?.text === 'string' ? { ...part, text: rewrite(part.text) } : part)),
    };
  }
  return message;
}
