/**
 * A chat completion as an Anthropic `Message` (reference endpoints.md §6.2), for models Warden answers through chat.
 * The stream counterpart is chat-stream-to-messages.ts.
 */

import { randomUUID } from 'node:crypto';
import { isPlainObject } from '../../config/config.env';
import { UpstreamError } from '../../models/providers/llm-provider.interface';
import { clientToolName, type ToolNameMap } from './tool-names';

type Json = Record<string, unknown>;

/** LiteLLM maps anything unknown to `end_turn`, and so does Warden. */
export function stopReason(finishReason: unknown): string {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/** Anthropic counts cached prompt tokens apart from `input_tokens`; chat counts them inside `prompt_tokens`. */
export function messagesUsage(usage: unknown): Json {
  const source = isPlainObject(usage) ? usage : {};
  const details = isPlainObject(source.prompt_tokens_details) ? source.prompt_tokens_details : {};
  const cacheRead = numberOr(details.cached_tokens, 0);
  const cacheWrite = numberOr(source.cache_creation_input_tokens, 0);
  const result: Json = {
    input_tokens: Math.max(0, numberOr(source.prompt_tokens, 0) - cacheRead - cacheWrite),
    output_tokens: numberOr(source.completion_tokens, 0),
  };
  if (cacheRead > 0) {
    result.cache_read_input_tokens = cacheRead;
  }
  if (cacheWrite > 0) {
    result.cache_creation_input_tokens = cacheWrite;
  }
  return result;
}

/** `msg_…` from a chat id (`chatcmpl-…`), so one answer keeps one id across both APIs. */
export function messageId(chatId: unknown): string {
  const id = typeof chatId === 'string' && chatId !== '' ? chatId.replace(/^chatcmpl-/, '') : randomSuffix();
  return `msg_${id}`;
}

export function completionToMessage(completion: Json, requestedModel: string, toolNames: ToolNameMap): Json {
  const choices = Array.isArray(completion.choices) ? completion.choices.filter(isPlainObject) : [];
  const choice = choices[0] ?? {};
  const message = isPlainObject(choice.message) ? choice.message : {};
  const content: Json[] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') {
    // A thinking block without a signature: clients show it, and Anthropic would not accept it back anyway.
    content.push({ type: 'thinking', thinking: reasoning, signature: '' });
  }
  for (const text of messageTexts(message)) {
    content.push({ type: 'text', text, citations: null });
  }
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isPlainObject) : [];
  calls.forEach((call, position) => {
    const fn = isPlainObject(call.function) ? call.function : {};
    content.push({
      type: 'tool_use',
      id: typeof call.id === 'string' ? call.id : `toolu_${position}`,
      name: clientToolName(typeof fn.name === 'string' ? fn.name : '', toolNames),
      input: toolInput(fn.arguments),
    });
  });
  return {
    id: messageId(completion.id),
    type: 'message',
    role: 'assistant',
    model: typeof completion.model === 'string' ? completion.model : requestedModel,
    content,
    stop_reason: stopReason(choice.finish_reason),
    stop_sequence: null,
    usage: messagesUsage(completion.usage),
  };
}

/** The content string, each text part, and a refusal, as text blocks. */
function messageTexts(message: Json): string[] {
  const texts: string[] = [];
  const { content } = message;
  if (typeof content === 'string' && content !== '') {
    texts.push(content);
  } else if (Array.isArray(content)) {
    for (const part of content.filter(isPlainObject)) {
      const text = part.type === 'refusal' ? part.refusal : part.text;
      if (typeof text === 'string' && text !== '') {
        texts.push(text);
      }
    }
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') {
    texts.push(message.refusal);
  }
  return texts;
}

/**
 * Tool arguments that are not a JSON object cannot be a `tool_use.input`; the answer is refused as a bad upstream
 * answer rather than handing the client a tool call with arguments it never got.
 */
function toolInput(args: unknown): Json {
  if (args === undefined || args === null || args === '') {
    return {};
  }
  if (typeof args === 'string') {
    try {
      const parsed = JSON.parse(args) as unknown;
      if (isPlainObject(parsed)) {
        return parsed;
      }
    } catch {
      // reported below
    }
  }
  throw new UpstreamError('invalid_response', 'the model answered a tool call whose arguments are not a JSON object');
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function randomSuffix(): string {
  return randomUUID().replace(/-/g, '').slice(0, 24);
}
