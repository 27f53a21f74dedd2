/**
 * A chat completion as a Responses `Response` object (reference §6.1, "Chat answer"), and the pieces the stream
 * translation shares with it: ids, the response shell echoing the request, status and usage.
 */

import { randomUUID } from 'node:crypto';
import { isPlainObject } from '../../config/config.env';

type Json = Record<string, unknown>;

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete';

/** A stable id stem from the chat completion's id (`chatcmpl-abc` -> `abc`). */
export function idStem(chatId: unknown): string {
  const id = typeof chatId === 'string' && chatId !== '' ? chatId : randomUUID().replace(/-/g, '');
  return id.replace(/^chatcmpl-/, '');
}

/** The Response object around `output`, echoing the request's parameters as OpenAI does. */
export function responseShell(request: Readonly<Json>, stem: string, createdAt: unknown, model: unknown): Json {
  return {
    id: `resp_${stem}`,
    object: 'response',
    created_at: typeof createdAt === 'number' ? createdAt : Math.floor(Date.now() / 1000),
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: typeof model === 'string' ? model : request.model,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: isPlainObject(request.reasoning) ? (request.reasoning.effort ?? null) : null, summary: null },
    store: false,
    temperature: request.temperature ?? 1,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage: null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/** `status` and `incomplete_details` for a chat `finish_reason`. */
export function responseOutcome(finishReason: unknown): Pick<Json, 'status' | 'incomplete_details'> {
  if (finishReason === 'length') {
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  }
  if (finishReason === 'content_filter') {
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  }
  return { status: 'completed', incomplete_details: null };
}

export function responsesUsage(usage: unknown): Json | null {
  if (!isPlainObject(usage)) {
    return null;
  }
  const input = numberOr(usage.prompt_tokens, 0);
  const output = numberOr(usage.completion_tokens, 0);
  const promptDetails = isPlainObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isPlainObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: numberOr(promptDetails.cached_tokens, 0) },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: numberOr(completionDetails.reasoning_tokens, 0) },
    total_tokens: numberOr(usage.total_tokens, input + output),
  };
}

export function reasoningItem(id: string, text: string): Json {
  return { id, type: 'reasoning', summary: [{ type: 'summary_text', text }] };
}

export function outputTextPart(text: string): Json {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function messageItem(id: string, content: Json[], status: ResponseStatus): Json {
  return { id, type: 'message', status, role: 'assistant', content };
}

export function functionCallItem(
  id: string,
  callId: unknown,
  name: unknown,
  args: string,
  status: ResponseStatus,
): Json {
  return { id, type: 'function_call', status, arguments: args, call_id: callId, name };
}

/** A chat completion (its first choice) as a Response object. */
export function completionAsResponse(completion: Readonly<Json>, request: Readonly<Json>): Json {
  const stem = idStem(completion.id);
  const choices = Array.isArray(completion.choices) ? completion.choices.filter(isPlainObject) : [];
  const choice = choices[0] ?? {};
  const message = isPlainObject(choice.message) ? choice.message : {};
  const output: Json[] = [];
  const itemId = (prefix: string): string => `${prefix}_${stem}_${output.length}`;
  const reasoning = reasoningText(message);
  if (reasoning !== undefined) {
    output.push(reasoningItem(itemId('rs'), reasoning));
  }
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isPlainObject) : [];
  const content: Json[] = [];
  const text = messageText(message.content);
  // An empty text beside tool calls says nothing; alone, it is still the (empty) answer.
  if (text !== undefined && (text !== '' || calls.length === 0)) {
    content.push(outputTextPart(text));
  }
  if (typeof message.refusal === 'string') {
    content.push({ type: 'refusal', refusal: message.refusal });
  }
  if (content.length > 0) {
    output.push(messageItem(itemId('msg'), content, 'completed'));
  }
  for (const call of calls) {
    output.push(toolCallItem(itemId(call.type === 'custom' ? 'ctc' : 'fc'), call));
  }
  return {
    ...responseShell(request, stem, completion.created, completion.model),
    ...responseOutcome(choice.finish_reason),
    output,
    usage: responsesUsage(completion.usage),
  };
}

function toolCallItem(id: string, call: Json): Json {
  if (call.type === 'custom' && isPlainObject(call.custom)) {
    const { name, input } = call.custom;
    return { id, type: 'custom_tool_call', status: 'completed', call_id: call.id, name, input };
  }
  const fn = isPlainObject(call.function) ? call.function : {};
  const args = typeof fn.arguments === 'string' ? fn.arguments : '';
  return functionCallItem(id, call.id, fn.name, args, 'completed');
}

/** Non-OpenAI providers put the model's reasoning in `reasoning_content` (or `reasoning`). */
export function reasoningText(message: Json): string | undefined {
  const text = message.reasoning_content ?? message.reasoning;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    const texts = content.flatMap((part: unknown) =>
      isPlainObject(part) && typeof part.text === 'string' ? [part.text] : [],
    );
    return texts.length > 0 ? texts.join('') : undefined;
  }
  return undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
