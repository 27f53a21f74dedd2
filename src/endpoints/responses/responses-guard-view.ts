/**
 * The texts of a Responses request as chat messages (what guardrails read), and masks written back into the exact
 * field each text came from. `instructions` is the system message; each input item that carries text is one message,
 * whose text slots (see message-text.ts) come in the same order as the item's text fields.
 */

import { isPlainObject } from '../../config/config.env';
import type { ChatMessage, ContentPart } from '../../guardrails/guardrail.types';
import { textSlots } from '../../guardrails/message-text';
import { UnmaskableText } from '../endpoint.adapter';
import { assertStillJson } from './responses-output-texts';

type Json = Record<string, unknown>;

/** Where a guard message came from. */
type Source = { field: 'instructions' } | { field: 'input' } | { field: 'item'; index: number };

interface GuardEntry {
  message: ChatMessage;
  source: Source;
}

/** Calls back with each text of an item (and where it sits) in slot order; returns the replacement. */
type TextRewrite = (text: string, where: string) => string;

export function responsesGuardMessages(body: Json): ChatMessage[] {
  return guardEntries(body).map((entry) => entry.message);
}

/**
 * The body with the texts of `masked` (responsesGuardMessages' list, some texts rewritten) put back where each came
 * from. Throws UnmaskableText when the lists no longer match, when reasoning text (read-only) was rewritten, or when
 * masked function call arguments are no longer JSON.
 */
export function withMaskedResponsesInput(body: Json, masked: readonly ChatMessage[]): Json {
  const entries = guardEntries(body);
  if (entries.length !== masked.length) {
    throw new UnmaskableText('input (the masked messages do not match the request)');
  }
  const next: Json = { ...body };
  const items = Array.isArray(body.input) ? [...(body.input as unknown[])] : undefined;
  entries.forEach((entry, position) => {
    const slots = textSlots(masked[position]);
    let slot = 0;
    const rewrite: TextRewrite = (text, where) => {
      const replacement = slots[slot++];
      if (replacement === undefined) {
        throw new UnmaskableText(where);
      }
      return replacement;
    };
    const { source } = entry;
    let where: string;
    switch (source.field) {
      case 'instructions':
        where = 'instructions';
        next.instructions = rewrite(body.instructions as string, where);
        break;
      case 'input':
        where = 'input';
        next.input = rewrite(body.input as string, where);
        break;
      case 'item':
        where = `input[${source.index}]`;
        items![source.index] = mapItemTexts(items![source.index] as Json, where, rewrite);
        break;
    }
    if (slot !== slots.length) {
      throw new UnmaskableText(where);
    }
  });
  if (items) {
    next.input = items;
  }
  return next;
}

function guardEntries(body: Json): GuardEntry[] {
  const entries: GuardEntry[] = [];
  if (typeof body.instructions === 'string') {
    entries.push({ message: { role: 'system', content: body.instructions }, source: { field: 'instructions' } });
  }
  const { input } = body;
  if (typeof input === 'string') {
    entries.push({ message: { role: 'user', content: input }, source: { field: 'input' } });
  } else if (Array.isArray(input)) {
    input.forEach((item: unknown, index) => {
      const message = isPlainObject(item) ? itemMessage(item) : undefined;
      if (message) {
        entries.push({ message, source: { field: 'item', index } });
      }
    });
  }
  return entries;
}

/** An item as the chat message a vendor understands; undefined for items with no text Warden reads. */
function itemMessage(item: Json): ChatMessage | undefined {
  switch (item.type ?? 'message') {
    case 'message':
      return { role: item.role as string, content: guardContent(item.content) };
    case 'function_call':
      return toolCallMessage(item, item.arguments);
    case 'custom_tool_call':
      return toolCallMessage(item, item.input);
    case 'function_call_output':
    case 'custom_tool_call_output':
      return { role: 'tool', tool_call_id: item.call_id, content: guardContent(item.output) };
    case 'reasoning': {
      const texts = [...listTexts(item.summary), ...listTexts(item.content)];
      return { role: 'assistant', content: texts.map((text) => ({ type: 'text', text })) };
    }
    default:
      return undefined;
  }
}

function toolCallMessage(item: Json, text: unknown): ChatMessage {
  return {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: item.call_id, type: 'function', function: { name: item.name, arguments: text } }],
  };
}

/** Text parts become chat text parts, refusals refusal parts; images and files are carried but never read. */
function guardContent(content: unknown): string | ContentPart[] {
  if (typeof content === 'string') {
    return content;
  }
  const parts = Array.isArray(content) ? content.filter(isPlainObject) : [];
  return parts.map((part): ContentPart => {
    if (typeof part.text === 'string') {
      return { type: 'text', text: part.text };
    }
    if (part.type === 'refusal' && typeof part.refusal === 'string') {
      return { type: 'refusal', refusal: part.refusal };
    }
    if (part.type === 'input_image' && typeof part.image_url === 'string') {
      return { type: 'image_url', image_url: { url: part.image_url, detail: part.detail } };
    }
    return { type: String(part.type) };
  });
}

/** The item with each text field rewritten, in the order `itemMessage` lists them. */
function mapItemTexts(item: Json, at: string, rewrite: TextRewrite): Json {
  switch (item.type ?? 'message') {
    case 'message':
      return { ...item, content: mapContent(item.content, `${at}.content`, rewrite) };
    case 'function_call':
      return { ...item, arguments: rewriteArguments(item.arguments as string, `${at}.arguments`, rewrite) };
    case 'custom_tool_call':
      return { ...item, input: rewrite(item.input as string, `${at}.input`) };
    case 'function_call_output':
    case 'custom_tool_call_output':
      return { ...item, output: mapContent(item.output, `${at}.output`, rewrite) };
    case 'reasoning':
      // Read, never rewritten: a reasoning item goes back to the model as it produced it.
      for (const field of ['summary', 'content']) {
        listTexts(item[field]).forEach((text, index) => {
          const where = `${at}.${field}[${index}].text`;
          if (rewrite(text, where) !== text) {
            throw new UnmaskableText(where);
          }
        });
      }
      return item;
    default:
      return item;
  }
}

function mapContent(content: unknown, at: string, rewrite: TextRewrite): unknown {
  if (typeof content === 'string') {
    return rewrite(content, at);
  }
  if (!Array.isArray(content)) {
    return content;
  }
  return content.map((part: unknown, index) => {
    if (!isPlainObject(part)) {
      return part;
    }
    if (typeof part.text === 'string') {
      return { ...part, text: rewrite(part.text, `${at}[${index}].text`) };
    }
    if (part.type === 'refusal' && typeof part.refusal === 'string') {
      return { ...part, refusal: rewrite(part.refusal, `${at}[${index}].refusal`) };
    }
    return part;
  });
}

/** Masks land inside the arguments' string values; a rewrite that breaks their JSON cannot be sent. */
function rewriteArguments(text: string, at: string, rewrite: TextRewrite): string {
  const rewritten = rewrite(text, at);
  assertStillJson(text, rewritten, at);
  return rewritten;
}

function listTexts(list: unknown): string[] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list.flatMap((entry: unknown) => (isPlainObject(entry) && typeof entry.text === 'string' ? [entry.text] : []));
}
