import type { ChatMessage, ContentPart } from './guardrail.types';

/**
 * Every text of a message the model reads, in order: the string content or each text (and refusal) part, the
 * assistant's `refusal`, each tool call's `function.arguments`, and a legacy `function_call.arguments`. Tool calls
 * are where agents move data, so guardrails see and mask them like any other text.
 */
export function textSlots(message: ChatMessage): string[] {
  const slots: string[] = [];
  mapTextSlots(message, (text) => {
    slots.push(text);
    return text;
  });
  return slots;
}

/** The inspectable text of a message: its text slots joined by newlines. */
export function textOf(message: ChatMessage): string {
  const { content } = message;
  const plain =
    message.refusal === undefined && message.tool_calls === undefined && message.function_call === undefined;
  return typeof content === 'string' && plain ? content : textSlots(message).join('\n');
}

/**
 * Returns a copy of the message whose every text slot went through `rewrite` (called in slot order, with the slot's
 * position). Non-text parts and other fields are kept as they are; the message itself when nothing changed.
 */
export function mapTextSlots(message: ChatMessage, rewrite: (text: string, slot: number) => string): ChatMessage {
  let slot = 0;
  let changed = false;
  const next = (text: string): string => {
    const rewritten = rewrite(text, slot++);
    changed ||= rewritten !== text;
    return rewritten;
  };
  const copy: ChatMessage = { ...message };
  const { content } = message;
  if (typeof content === 'string') {
    copy.content = next(content);
  } else if (Array.isArray(content)) {
    copy.content = content.map((part) => rewritePart(part, next));
  }
  if (typeof message.refusal === 'string') {
    copy.refusal = next(message.refusal);
  }
  if (Array.isArray(message.tool_calls)) {
    copy.tool_calls = message.tool_calls.map((call: unknown) => withArguments(call, next));
  }
  if (message.function_call !== undefined) {
    copy.function_call = withArguments({ function: message.function_call }, next).function;
  }
  return changed ? copy : message;
}

/**
 * The message with `joined` (its `textOf` after a rewrite that neither adds nor removes a newline, such as a vendor's
 * masking) put back slot by slot. Undefined when the line counts no longer match, so the caller can refuse to send a
 * half-rewritten message.
 */
export function withJoinedText(message: ChatMessage, joined: string): ChatMessage | undefined {
  const lines = joined.split('\n');
  let next = 0;
  const rewritten = mapTextSlots(message, (text) => {
    const count = text.split('\n').length;
    const replaced = lines.slice(next, next + count).join('\n');
    next += count;
    return replaced;
  });
  return next === lines.length ? rewritten : undefined;
}

function rewritePart(part: ContentPart, next: (text: string) => string): ContentPart {
  if (typeof part?.text === 'string') {
    return { ...part, text: next(part.text) };
  }
  if (part?.type === 'refusal' && typeof part.refusal === 'string') {
    return { ...part, refusal: next(part.refusal) };
  }
  return part;
}

function withArguments(
  call: unknown,
  next: (text: string) => string,
): { function?: unknown } & Record<string, unknown> {
  if (typeof call !== 'object' || call === null) {
    return call as Record<string, unknown>;
  }
  const record = call as Record<string, unknown>;
  const fn = record.function;
  if (typeof fn !== 'object' || fn === null || typeof (fn as Record<string, unknown>).arguments !== 'string') {
    return record;
  }
  const args = (fn as Record<string, unknown>).arguments as string;
  return { ...record, function: { ...fn, arguments: next(args) } };
}
