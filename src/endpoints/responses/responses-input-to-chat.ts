/**
 * Responses `instructions` and `input` as chat completions messages (reference §6.1). Whatever has no chat form
 * (stored items, built-in tool traffic, `file_id` parts, encrypted reasoning) is a 400 naming the field and the model.
 */

import { isPlainObject } from '../../config/config.env';
import type { Untranslatable } from './untranslatable';

type Json = Record<string, unknown>;

export function toChatMessages(body: Json, refuse: Untranslatable): Json[] {
  const messages: Json[] = [];
  if (typeof body.instructions === 'string') {
    messages.push({ role: 'system', content: body.instructions });
  }
  const { input } = body;
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
  } else if (Array.isArray(input)) {
    input.forEach((item: unknown, index) => appendItem(messages, item as Json, `input[${index}]`, refuse));
  }
  return messages;
}

function appendItem(messages: Json[], item: Json, at: string, refuse: Untranslatable): void {
  const type = typeof item.type === 'string' ? item.type : 'message';
  switch (type) {
    case 'message':
      messages.push(chatMessage(item, at, refuse));
      return;
    case 'function_call':
      appendToolCall(messages, {
        id: item.call_id,
        type: 'function',
        function: { name: item.name, arguments: item.arguments },
      });
      return;
    case 'custom_tool_call':
      appendToolCall(messages, { id: item.call_id, type: 'custom', custom: { name: item.name, input: item.input } });
      return;
    case 'function_call_output':
    case 'custom_tool_call_output':
      messages.push({
        role: 'tool',
        tool_call_id: item.call_id,
        content: toolOutput(item.output, `${at}.output`, refuse),
      });
      return;
    case 'reasoning':
      if (item.encrypted_content !== undefined && item.encrypted_content !== null) {
        throw refuse(`${at}.encrypted_content`);
      }
      // Reasoning a model wrote earlier has no place in a chat request: dropped, as LiteLLM does.
      return;
    case 'item_reference':
      throw refuse(at);
    default:
      throw refuse(`${at}.type`, `"${type}" items`);
  }
}

/** Consecutive calls (and a call right after the assistant's text) make one assistant message, as chat has them. */
function appendToolCall(messages: Json[], call: Json): void {
  const last = messages.at(-1);
  if (last?.role === 'assistant') {
    last.tool_calls = [...((last.tool_calls as Json[] | undefined) ?? []), call];
    return;
  }
  messages.push({ role: 'assistant', content: null, tool_calls: [call] });
}

function chatMessage(item: Json, at: string, refuse: Untranslatable): Json {
  const role = item.role as string;
  const { content } = item;
  if (typeof content === 'string') {
    return { role, content };
  }
  const parts = (content as Json[]).map((part, index) => ({ part, where: `${at}.content[${index}]` }));
  if (role === 'assistant') {
    const texts: string[] = [];
    const refusals: string[] = [];
    for (const { part, where } of parts) {
      if (part.type === 'output_text' || part.type === 'input_text') {
        texts.push(part.text as string);
      } else if (part.type === 'refusal') {
        refusals.push(part.refusal as string);
      } else {
        throw refuse(`${where}.type`, `"${String(part.type)}" parts in assistant messages`);
      }
    }
    return {
      role,
      content: texts.length > 0 ? texts.join('') : null,
      ...(refusals.length > 0 ? { refusal: refusals.join('') } : {}),
    };
  }
  return { role, content: parts.map(({ part, where }) => inputPart(part, where, refuse)) };
}

function inputPart(part: Json, at: string, refuse: Untranslatable): Json {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      if (typeof part.image_url !== 'string') {
        throw refuse(isPresent(part.file_id) ? `${at}.file_id` : `${at}.image_url`);
      }
      return {
        type: 'image_url',
        image_url: { url: part.image_url, ...(isPresent(part.detail) ? { detail: part.detail } : {}) },
      };
    case 'input_file':
      if (typeof part.file_data !== 'string') {
        throw refuse(isPresent(part.file_id) ? `${at}.file_id` : `${at}.file_url`);
      }
      return {
        type: 'file',
        file: { file_data: part.file_data, ...(isPresent(part.filename) ? { filename: part.filename } : {}) },
      };
    default:
      throw refuse(`${at}.type`, `"${String(part.type)}" parts`);
  }
}

/** A tool result: its string, or its text parts (chat tool messages hold nothing else). */
function toolOutput(output: unknown, at: string, refuse: Untranslatable): unknown {
  if (typeof output === 'string') {
    return output;
  }
  return (output as Json[]).map((part, index) => {
    if (isPlainObject(part) && (part.type === 'input_text' || part.type === 'output_text')) {
      return { type: 'text', text: part.text };
    }
    throw refuse(`${at}[${index}].type`, `"${String(part.type)}" parts in tool outputs`);
  });
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}
