/**
 * A chat completions chunk stream as the Responses event sequence (reference §1.4 and §6.1 "Stream"): created and
 * in_progress, then each output item opened, filled by deltas and closed, then response.completed or
 * response.incomplete with the whole output and the usage. Every event carries its sequence_number.
 */

import { isPlainObject } from '../../config/config.env';
import {
  functionCallItem,
  idStem,
  messageItem,
  outputTextPart,
  reasoningItem,
  reasoningText,
  responseOutcome,
  responseShell,
  responsesUsage,
} from './chat-to-responses';

type Json = Record<string, unknown>;

interface OpenReasoning {
  kind: 'reasoning';
  index: number;
  id: string;
  text: string;
}

interface MessagePart {
  type: 'output_text' | 'refusal';
  text: string;
}

interface OpenMessage {
  kind: 'message';
  index: number;
  id: string;
  parts: MessagePart[];
}

interface OpenCall {
  kind: 'function_call';
  index: number;
  id: string;
  callId: unknown;
  name: unknown;
  arguments: string;
}

type OpenItem = OpenReasoning | OpenMessage | OpenCall;

/** Turns chat chunks into Responses events, one chunk at a time; `finish` closes the stream. */
export class ResponsesStreamBuilder {
  private sequence = 0;
  private shell?: Json;
  private stem = '';
  private readonly output: Json[] = [];
  private open?: OpenItem;
  /** Function calls by their chat tool call index. */
  private readonly calls = new Map<number, OpenCall>();
  private finishReason: unknown = null;
  private usage: unknown;

  constructor(private readonly request: Readonly<Json>) {}

  push(chunk: Readonly<Json>): Json[] {
    const events = this.start(chunk);
    if (isPlainObject(chunk.usage)) {
      this.usage = chunk.usage;
    }
    const choices = Array.isArray(chunk.choices) ? chunk.choices.filter(isPlainObject) : [];
    const choice = choices.find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) {
      return events;
    }
    const delta = isPlainObject(choice.delta) ? choice.delta : {};
    const reasoning = reasoningText(delta);
    if (reasoning !== undefined) {
      events.push(...this.appendReasoning(reasoning));
    }
    if (typeof delta.content === 'string' && delta.content !== '') {
      events.push(...this.appendToMessage('output_text', delta.content));
    }
    if (typeof delta.refusal === 'string' && delta.refusal !== '') {
      events.push(...this.appendToMessage('refusal', delta.refusal));
    }
    if (Array.isArray(delta.tool_calls)) {
      delta.tool_calls.filter(isPlainObject).forEach((call, position) => {
        events.push(...this.appendToCall(call, typeof call.index === 'number' ? call.index : position));
      });
    }
    if (choice.finish_reason !== undefined && choice.finish_reason !== null) {
      this.finishReason = choice.finish_reason;
    }
    return events;
  }

  /** Closes what is open and ends with the terminal event. */
  finish(): Json[] {
    const events = [...this.start({}), ...this.closeOpen()];
    const outcome = responseOutcome(this.finishReason);
    const response = { ...this.shell, ...outcome, output: this.output, usage: responsesUsage(this.usage) };
    events.push(
      this.event(outcome.status === 'completed' ? 'response.completed' : 'response.incomplete', { response }),
    );
    return events;
  }

  private start(chunk: Readonly<Json>): Json[] {
    if (this.shell) {
      return [];
    }
    this.stem = idStem(chunk.id);
    this.shell = responseShell(this.request, this.stem, chunk.created, chunk.model);
    return [
      this.event('response.created', { response: this.shell }),
      this.event('response.in_progress', { response: this.shell }),
    ];
  }

  private appendReasoning(text: string): Json[] {
    const events: Json[] = [];
    let open = this.open;
    if (open?.kind !== 'reasoning') {
      events.push(...this.closeOpen());
      open = { kind: 'reasoning', index: this.output.length, id: this.itemId('rs'), text: '' };
      this.openItem(open, { id: open.id, type: 'reasoning', summary: [] }, events);
      events.push(
        this.event('response.reasoning_summary_part.added', {
          ...this.at(open),
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
      );
    }
    open.text += text;
    events.push(
      this.event('response.reasoning_summary_text.delta', { ...this.at(open), summary_index: 0, delta: text }),
    );
    return events;
  }

  private appendToMessage(type: MessagePart['type'], text: string): Json[] {
    const events: Json[] = [];
    let open = this.open;
    if (open?.kind !== 'message') {
      events.push(...this.closeOpen());
      open = { kind: 'message', index: this.output.length, id: this.itemId('msg'), parts: [] };
      this.openItem(open, messageItem(open.id, [], 'in_progress'), events);
    }
    let part = open.parts.at(-1);
    if (part?.type !== type) {
      if (part) {
        events.push(...this.closePart(open, part));
      }
      part = { type, text: '' };
      open.parts.push(part);
      events.push(
        this.event('response.content_part.added', { ...this.partAt(open), part: partJson({ type, text: '' }) }),
      );
    }
    part.text += text;
    events.push(
      type === 'output_text'
        ? this.event('response.output_text.delta', { ...this.partAt(open), delta: text, logprobs: [] })
        : this.event('response.refusal.delta', { ...this.partAt(open), delta: text }),
    );
    return events;
  }

  private appendToCall(call: Json, key: number): Json[] {
    const events: Json[] = [];
    const fn = isPlainObject(call.function) ? call.function : {};
    let open = this.calls.get(key);
    if (!open) {
      events.push(...this.closeOpen());
      open = {
        kind: 'function_call',
        index: this.output.length,
        id: this.itemId('fc'),
        callId: call.id,
        name: fn.name,
        arguments: '',
      };
      this.calls.set(key, open);
      this.openItem(open, functionCallItem(open.id, open.callId, open.name, '', 'in_progress'), events);
    }
    if (typeof fn.arguments === 'string' && fn.arguments !== '') {
      open.arguments += fn.arguments;
      events.push(this.event('response.function_call_arguments.delta', { ...this.at(open), delta: fn.arguments }));
    }
    return events;
  }

  private openItem(open: OpenItem, item: Json, events: Json[]): void {
    this.open = open;
    this.output.push(item);
    events.push(this.event('response.output_item.added', { output_index: open.index, item }));
  }

  private closeOpen(): Json[] {
    const open = this.open;
    this.open = undefined;
    if (!open) {
      return [];
    }
    const events: Json[] = [];
    let item: Json;
    switch (open.kind) {
      case 'reasoning': {
        const part = { type: 'summary_text', text: open.text };
        events.push(
          this.event('response.reasoning_summary_text.done', { ...this.at(open), summary_index: 0, text: open.text }),
        );
        events.push(this.event('response.reasoning_summary_part.done', { ...this.at(open), summary_index: 0, part }));
        item = reasoningItem(open.id, open.text);
        break;
      }
      case 'message': {
        const last = open.parts.at(-1);
        if (last) {
          events.push(...this.closePart(open, last));
        }
        item = messageItem(open.id, open.parts.map(partJson), 'completed');
        break;
      }
      case 'function_call':
        events.push(
          this.event('response.function_call_arguments.done', {
            ...this.at(open),
            name: open.name,
            arguments: open.arguments,
          }),
        );
        item = functionCallItem(open.id, open.callId, open.name, open.arguments, 'completed');
        break;
    }
    this.output[open.index] = item;
    events.push(this.event('response.output_item.done', { output_index: open.index, item }));
    return events;
  }

  private closePart(open: OpenMessage, part: MessagePart): Json[] {
    const at = this.partAt(open, open.parts.indexOf(part));
    return [
      part.type === 'output_text'
        ? this.event('response.output_text.done', { ...at, text: part.text, logprobs: [] })
        : this.event('response.refusal.done', { ...at, refusal: part.text }),
      this.event('response.content_part.done', { ...at, part: partJson(part) }),
    ];
  }

  private at(open: OpenItem): Json {
    return { item_id: open.id, output_index: open.index };
  }

  private partAt(open: OpenMessage, contentIndex = open.parts.length - 1): Json {
    return { ...this.at(open), content_index: contentIndex };
  }

  private itemId(prefix: string): string {
    return `${prefix}_${this.stem}_${this.output.length}`;
  }

  private event(type: string, fields: Json): Json {
    return { type, sequence_number: this.sequence++, ...fields };
  }
}

function partJson(part: MessagePart): Json {
  return part.type === 'output_text' ? outputTextPart(part.text) : { type: 'refusal', refusal: part.text };
}

/** The chat chunk payloads of an upstream stream (or of a completion replayed as chunks) as Responses events. */
export async function* chatStreamAsResponseEvents(
  chunks: AsyncIterable<string> | Iterable<string>,
  request: Readonly<Json>,
): AsyncGenerator<string> {
  const builder = new ResponsesStreamBuilder(request);
  for await (const data of chunks) {
    const chunk = parseObject(data);
    if (chunk) {
      yield* builder.push(chunk).map((event) => JSON.stringify(event));
    }
  }
  yield* builder.finish().map((event) => JSON.stringify(event));
}

function parseObject(data: string): Json | undefined {
  try {
    const parsed = JSON.parse(data) as unknown;
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
