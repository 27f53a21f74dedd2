/**
 * Pure translation between OpenAI chat/completions and Anthropic's Messages API, both directions, streaming included.
 */

import { WardenError } from '../../common/warden.error';
import { JSON_ANSWER_TOOL, jsonAnswerSchema, openAiUsage, refuseUntranslatable } from './anthropic.params';

type Json = Record<string, unknown>;

const DEFAULT_MAX_TOKENS = 4096;

const STOP_REASONS: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  pause_turn: 'stop',
  refusal: 'content_filter',
};

export function toAnthropicRequest(body: Readonly<Json>, upstreamModel: string, stream: boolean): Json {
  refuseUntranslatable(body);
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const system: string[] = [];
  const out: Json[] = [];
  for (const message of messages) {
    const role = message.role;
    if (role === 'system' || role === 'developer') {
      system.push(textContent(message.content));
    } else if (role === 'tool') {
      appendTurn(out, 'user', [
        { type: 'tool_result', tool_use_id: message.tool_call_id, content: textContent(message.content) },
      ]);
    } else if (role === 'assistant') {
      const blocks: Json[] = [];
      const text = textContent(message.content);
      if (text) {
        blocks.push({ type: 'text', text });
      }
      for (const call of (message.tool_calls as Json[] | undefined) ?? []) {
        const fn = (call.function ?? {}) as Json;
        blocks.push({ type: 'tool_use', id: call.id, name: fn.name, input: parseArguments(fn.arguments) });
      }
      appendTurn(out, 'assistant', blocks);
    } else {
      appendTurn(out, 'user', userBlocks(message.content));
    }
  }
  const request: Json = {
    model: upstreamModel,
    messages: out,
    max_tokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS,
  };
  if (system.length > 0) {
    request.system = system.join('\n\n');
  }
  if (stream) {
    request.stream = true;
  }
  copyIfSet(body, request, 'temperature');
  copyIfSet(body, request, 'top_p');
  if (body.stop !== undefined && body.stop !== null) {
    request.stop_sequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  }
  if (Array.isArray(body.tools)) {
    request.tools = (body.tools as Json[]).map((tool, index) => {
      if (tool.type !== undefined && tool.type !== 'function') {
        throw WardenError.invalidRequest(
          `anthropic/ models take function tools only: tools[${index}] is of type ${JSON.stringify(tool.type)}`,
          `tools[${index}].type`,
        );
      }
      const fn = (tool.function ?? {}) as Json;
      return { name: fn.name, description: fn.description, input_schema: fn.parameters ?? { type: 'object' } };
    });
  }
  const choice = body.tool_choice;
  if (choice === 'required') {
    request.tool_choice = { type: 'any' };
  } else if (choice === 'auto' || choice === 'none') {
    request.tool_choice = { type: choice };
  } else if (typeof choice === 'object' && choice !== null) {
    request.tool_choice = { type: 'tool', name: ((choice as Json).function as Json | undefined)?.name };
  }
  const answerSchema = jsonAnswerSchema(body.response_format);
  if (answerSchema !== undefined) {
    // As LiteLLM does: structured output becomes one forced tool call whose input is the answer.
    request.tools = [
      ...((request.tools as Json[] | undefined) ?? []),
      { name: JSON_ANSWER_TOOL, description: 'Answer with this JSON.', input_schema: answerSchema },
    ];
    request.tool_choice = { type: 'tool', name: JSON_ANSWER_TOOL };
  }
  const toolChoiceType = (request.tool_choice as Json | undefined)?.type;
  if (body.parallel_tool_calls === false && request.tools !== undefined && toolChoiceType !== 'none') {
    request.tool_choice = {
      ...(request.tool_choice ?? { type: 'auto' }),
      disable_parallel_tool_use: true,
    };
  }
  const user = body.user;
  if (typeof user === 'string') {
    request.metadata = { user_id: user };
  }
  return request;
}

export function fromAnthropicResponse(response: Json, created = nowSeconds()): Json {
  const blocks = Array.isArray(response.content) ? (response.content as Json[]) : [];
  const text = blocks
    .filter((b) => b.type === 'text')
    .map((b) => b.text as string)
    .join('');
  const answer = blocks.find((b) => b.type === 'tool_use' && b.name === JSON_ANSWER_TOOL);
  const toolCalls = blocks
    .filter((b) => b.type === 'tool_use' && b !== answer)
    .map((b) => ({ id: b.id, type: 'function', function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) } }));
  const content = answer !== undefined ? JSON.stringify(answer.input ?? {}) : text;
  const message: Json = { role: 'assistant', content: content === '' && toolCalls.length > 0 ? null : content };
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls;
  }
  // The forced answer tool ends with tool_use: to the client that is a normal stop; max_tokens stays a truncation.
  const stopReason =
    answer !== undefined && toolCalls.length === 0 && response.stop_reason === 'tool_use'
      ? 'end_turn'
      : (response.stop_reason as string);
  return {
    id: typeof response.id === 'string' ? `chatcmpl-${response.id}` : `chatcmpl-${created}`,
    object: 'chat.completion',
    created,
    model: response.model,
    choices: [{ index: 0, message, finish_reason: STOP_REASONS[stopReason] ?? 'stop', logprobs: null }],
    usage: openAiUsage((response.usage ?? {}) as Json),
  };
}

/**
 * Stateful translator for one streamed answer: feed it each Anthropic event, get back zero or more OpenAI chunks.
 * Throws on an `error` event, which the caller turns into a clean end of stream.
 */
export class AnthropicStreamMapper {
  private id = '';
  private model = '';
  private readonly created = nowSeconds();
  private readonly toolIndexByBlock = new Map<number, number>();
  /** The content block index of the structured-output tool call, whose input streams as content. */
  private answerBlock?: number;
  private usage: Json = {};

  map(event: Json): Json[] {
    switch (event.type) {
      case 'message_start': {
        const message = (event.message ?? {}) as Json;
        this.id = `chatcmpl-${asString(message.id) ?? this.created}`;
        this.model = asString(message.model) ?? '';
        this.usage = { ...((message.usage ?? {}) as Json) };
        return [this.chunk({ role: 'assistant', content: '' }, null)];
      }
      case 'content_block_start': {
        const block = (event.content_block ?? {}) as Json;
        if (block.type !== 'tool_use') {
          return [];
        }
        if (block.name === JSON_ANSWER_TOOL) {
          this.answerBlock = Number(event.index);
          return [];
        }
        const toolIndex = this.toolIndexByBlock.size;
        this.toolIndexByBlock.set(Number(event.index), toolIndex);
        return [
          this.chunk(
            {
              tool_calls: [
                { index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } },
              ],
            },
            null,
          ),
        ];
      }
      case 'content_block_delta': {
        const delta = (event.delta ?? {}) as Json;
        if (delta.type === 'text_delta') {
          return [this.chunk({ content: delta.text }, null)];
        }
        if (delta.type === 'input_json_delta' && Number(event.index) === this.answerBlock) {
          return [this.chunk({ content: delta.partial_json }, null)];
        }
        if (delta.type === 'input_json_delta') {
          const index = this.toolIndexByBlock.get(Number(event.index)) ?? 0;
          return [this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] }, null)];
        }
        return [];
      }
      case 'message_delta': {
        const delta = (event.delta ?? {}) as Json;
        for (const [key, value] of Object.entries((event.usage ?? {}) as Json)) {
          if (typeof value === 'number') {
            this.usage[key] = value;
          }
        }
        const answered =
          this.answerBlock !== undefined && this.toolIndexByBlock.size === 0 && delta.stop_reason === 'tool_use';
        const stopReason = answered ? 'end_turn' : (delta.stop_reason as string);
        const chunk = this.chunk({}, STOP_REASONS[stopReason] ?? 'stop');
        chunk.usage = openAiUsage(this.usage);
        return [chunk];
      }
      case 'error': {
        const error = (event.error ?? {}) as Json;
        throw new Error(`anthropic stream error: ${asString(error.type) ?? 'error'}: ${asString(error.message) ?? ''}`);
      }
      default:
        return [];
    }
  }

  private chunk(delta: Json, finishReason: string | null): Json {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }
}

function appendTurn(out: Json[], role: 'user' | 'assistant', blocks: Json[]): void {
  const last = out[out.length - 1];
  // Anthropic requires alternating roles: consecutive turns of one role are merged.
  if (last && last.role === role) {
    (last.content as Json[]).push(...blocks);
  } else {
    out.push({ role, content: blocks });
  }
}

function userBlocks(content: unknown): Json[] {
  if (!Array.isArray(content)) {
    return [{ type: 'text', text: textContent(content) }];
  }
  return (content as Json[]).flatMap((part): Json[] => {
    if (part.type === 'text') {
      return [{ type: 'text', text: part.text }];
    }
    if (part.type === 'image_url') {
      const url = asString(((part.image_url ?? {}) as Json).url) ?? '';
      const match = /^data:([^;]+);base64,(.*)$/s.exec(url);
      return [
        match
          ? { type: 'image', source: { type: 'base64', media_type: match[1], data: match[2] } }
          : { type: 'image', source: { type: 'url', url } },
      ];
    }
    return [];
  });
}

function textContent(content: unknown): string {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return (content as Json[])
      .filter((p) => typeof p.text === 'string')
      .map((p) => p.text as string)
      .join('\n');
  }
  return '';
}

function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value ?? {};
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return {};
  }
}

function copyIfSet(from: Readonly<Json>, to: Json, key: string): void {
  if (from[key] !== undefined && from[key] !== null) {
    to[key] = from[key];
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
