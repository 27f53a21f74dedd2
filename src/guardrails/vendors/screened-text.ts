import type { ChatMessage, GuardInput, GuardrailMode } from '../guardrail.types';
import { textOf } from '../message-text';

/** Small shared readers of what a vendor screens. */

/** The index of the last user message, or -1. */
export function lastUserIndex(messages: readonly ChatMessage[]): number {
  return messages.map((message) => message.role).lastIndexOf('user');
}

/** The text of the last user message ('' when there is none). */
export function lastUserText(input: GuardInput): string {
  const message = input.messages[lastUserIndex(input.messages)];
  return message ? textOf(message) : '';
}

/** Roles whose texts a moderation vendor screens on the way in: what users and tools put in front of the model. */
const MODERATED_ROLES: ReadonlySet<string> = new Set(['user', 'tool', 'function']);

/**
 * What a moderation vendor screens: each user and tool text on the way in, the answer in post_call; blank texts left
 * out.
 */
export function moderatedTexts(input: GuardInput, mode: GuardrailMode): string[] {
  const texts =
    mode === 'post_call'
      ? [input.response ?? '']
      : input.messages.filter((message) => MODERATED_ROLES.has(message.role)).map(textOf);
  return texts.filter((text) => text.trim() !== '');
}

/** Tool results (role tool, legacy function): what Prompt Shields calls documents. */
export function toolResultTexts(input: GuardInput): string[] {
  return input.messages
    .filter((message) => message.role === 'tool' || message.role === 'function')
    .map(textOf)
    .filter((text) => text !== '');
}

/** Code points -> UTF-16 offset in `text` (Python services count code points); undefined when out of range. */
export function utf16Offset(text: string, codePoints: number): number | undefined {
  if (!Number.isInteger(codePoints) || codePoints < 0) {
    return undefined;
  }
  let units = 0;
  let seen = 0;
  for (const char of text) {
    if (seen === codePoints) {
      return units;
    }
    units += char.length;
    seen += 1;
  }
  return seen === codePoints ? units : undefined;
}

/** Splits `text` into pieces of at most `max` code points, at whitespace where possible. */
export function chunkByCodePoints(text: string, max: number): string[] {
  const chars = [...text];
  if (chars.length <= max) {
    return [text];
  }
  const chunks: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + max, chars.length);
    if (end < chars.length) {
      const space = chars.lastIndexOf(' ', end);
      if (space > start + max / 2) {
        end = space + 1;
      }
    }
    chunks.push(chars.slice(start, end).join(''));
    start = end;
  }
  return chunks;
}
