/**
 * A chat completions stream as the Messages API's event sequence (reference endpoints.md §6.2 "Stream"):
 * `message_start`, per block `content_block_start` / `content_block_delta` × n / `content_block_stop`, then
 * `message_delta` (stop reason, cumulative usage) and `message_stop`. Only the first choice is carried.
 */

import { isPlainObject } from '../../config/config.env';
import { messageId, messagesUsage, stopReason } from './chat-to-messages';
import { clientToolName, type ToolNameMap } from './tool-names';

type Json = Record<string, unknown>;

type BlockKind = 'text' | 'thinking' | 'tool_use';

export class ChatStreamToMessages {
  private started = false;
  private open?: { index: number; kind: BlockKind };
  private blockCount = 0;
  /** Chat tool call index -> content block index. */
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: unknown = null;
  private usage: unknown;

  constructor(
    private readonly requestedModel: string,
    private readonly toolNames: ToolNameMap,
  ) {}

  /** The Messages events one chat chunk becomes. */
  push(chunk: Json): Json[] {
    const events = this.start(chunk);
    if (isPlainObject(chunk.usage)) {
      this.usage = chunk.usage;
    }
    const choices = Array.isArray(chunk.choices) ? chunk.choices.filter(isPlainObject) : [];
    const choice = choices.find((c) => c.index === 0 || c.index === undefined);
    if (choice === undefined) {
      return events;
    }
    const delta = isPlainObject(choice.delta) ? choice.delta : {};
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === 'string' && reasoning !== '') {
      events.push(...this.delta('thinking', { type: 'thinking_delta', thinking: reasoning }));
    }
    for (const text of [delta.content, delta.refusal]) {
      if (typeof text === 'string' && text !== '') {
        events.push(...this.delta('text', { type: 'text_delta', text }));
      }
    }
    if (Array.isArray(delta.tool_calls)) {
      delta.tool_calls.filter(isPlainObject).forEach((call, position) => events.push(...this.toolCall(call, position)));
    }
    if (choice.finish_reason !== undefined && choice.finish_reason !== null) {
      this.finishReason = choice.finish_reason;
    }
    return events;
  }

  /** The closing events, once the chat stream ended (its usage chunk comes after `finish_reason`). */
  finish(): Json[] {
    const events = this.start({});
    events.push(...this.closeOpen());
    events.push({
      type: 'message_delta',
      delta: { stop_reason: stopReason(this.finishReason), stop_sequence: null },
      usage: messagesUsage(this.usage),
    });
    events.push({ type: 'message_stop' });
    return events;
  }

  private start(chunk: Json): Json[] {
    if (this.started) {
      return [];
    }
    this.started = true;
    return [
      {
        type: 'message_start',
        message: {
          id: messageId(chunk.id),
          type: 'message',
          role: 'assistant',
          model: typeof chunk.model === 'string' ? chunk.model : this.requestedModel,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
    ];
  }

  /** A delta for a text or thinking block: continues the open block of that kind, else opens one. */
  private delta(kind: 'text' | 'thinking', delta: Json): Json[] {
    const events: Json[] = [];
    if (this.open?.kind !== kind) {
      const block = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
      events.push(...this.openBlock(kind, block));
    }
    events.push({ type: 'content_block_delta', index: this.open?.index, delta });
    return events;
  }

  private toolCall(call: Json, position: number): Json[] {
    const toolIndex = typeof call.index === 'number' ? call.index : position;
    const fn = isPlainObject(call.function) ? call.function : {};
    const events: Json[] = [];
    let blockIndex = this.toolBlocks.get(toolIndex);
    if (blockIndex === undefined) {
      const name = typeof fn.name === 'string' ? fn.name : '';
      events.push(
        ...this.openBlock('tool_use', {
          type: 'tool_use',
          id: typeof call.id === 'string' ? call.id : `toolu_${toolIndex}`,
          name: clientToolName(name, this.toolNames),
          input: {},
        }),
      );
      blockIndex = this.blockCount - 1;
      this.toolBlocks.set(toolIndex, blockIndex);
    }
    if (typeof fn.arguments === 'string' && fn.arguments !== '') {
      events.push({
        type: 'content_block_delta',
        index: blockIndex,
        delta: { type: 'input_json_delta', partial_json: fn.arguments },
      });
    }
    return events;
  }

  private openBlock(kind: BlockKind, block: Json): Json[] {
    const events = this.closeOpen();
    const index = this.blockCount++;
    this.open = { index, kind };
    events.push({ type: 'content_block_start', index, content_block: block });
    return events;
  }

  private closeOpen(): Json[] {
    if (this.open === undefined) {
      return [];
    }
    const { index } = this.open;
    this.open = undefined;
    return [{ type: 'content_block_stop', index }];
  }
}

/** The chat chunk payloads of one stream as Messages event payloads. */
export async function* chatStreamToMessages(
  chunks: AsyncIterable<string>,
  requestedModel: string,
  toolNames: ToolNameMap,
): AsyncGenerator<string> {
  const builder = new ChatStreamToMessages(requestedModel, toolNames);
  for await (const data of chunks) {
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      continue;
    }
    if (isPlainObject(chunk)) {
      for (const event of builder.push(chunk)) {
        yield JSON.stringify(event);
      }
    }
  }
  for (const event of builder.finish()) {
    yield JSON.stringify(event);
  }
}
