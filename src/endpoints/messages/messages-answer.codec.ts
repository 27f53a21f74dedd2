/**
 * Reads and rewrites the model's texts in a Messages API answer: a `Message`'s `content[]`, or the held events of its
 * stream. Slots are keyed `<block index>:<kind>`: `text` (text blocks), `tool_use` (the input as JSON text; masks
 * must leave a JSON object) and `thinking` (read, never rewritten: its signature would break).
 */

import { isPlainObject } from '../../config/config.env';
import type { AnswerCodec, AnswerTexts } from '../../guardrails/modes/answer-codec';
import { assertUnreachable } from '../../common/warden.error';
import { UnmaskableText } from '../endpoint.adapter';
import { parseEventPayloads } from '../event-payloads';

type Json = Record<string, unknown>;

type SlotKind = 'text' | 'tool_use' | 'thinking';

const BLOCK_KINDS: Readonly<Record<string, SlotKind>> = {
  text: 'text',
  tool_use: 'tool_use',
  server_tool_use: 'tool_use',
  thinking: 'thinking',
};

/** Each delta type, the kind of slot it extends and the field its text is in. */
const DELTA_FIELDS: Readonly<Record<string, { kind: SlotKind; field: string }>> = {
  text_delta: { kind: 'text', field: 'text' },
  input_json_delta: { kind: 'tool_use', field: 'partial_json' },
  thinking_delta: { kind: 'thinking', field: 'thinking' },
};

export const messagesAnswerCodec: AnswerCodec = {
  jsonTexts,
  withJsonTexts,
  streamTexts: (events) => streamedTexts(parseEventPayloads(events)),
  withStreamTexts,
  readOnly: (slot) => slot.endsWith(':thinking'),
};

function jsonTexts(body: Json): AnswerTexts {
  const texts = new Map<string, string>();
  contentOf(body).forEach((block, index) => {
    const read = isPlainObject(block) ? blockText(block) : undefined;
    if (read !== undefined) {
      texts.set(`${index}:${read.kind}`, read.text);
    }
  });
  return texts;
}

function withJsonTexts(body: Json, texts: AnswerTexts): Json {
  let changed = false;
  const content = contentOf(body).map((block, index) => {
    const read = isPlainObject(block) ? blockText(block) : undefined;
    const slot = read && `${index}:${read.kind}`;
    const replacement = slot === undefined ? undefined : texts.get(slot);
    if (
      !isPlainObject(block) ||
      !read ||
      slot === undefined ||
      replacement === undefined ||
      replacement === read.text
    ) {
      return block;
    }
    changed = true;
    switch (read.kind) {
      case 'text':
        return { ...block, text: replacement };
      case 'tool_use':
        return { ...block, input: parseInput(replacement, slot) };
      case 'thinking':
        throw new UnmaskableText(`the answer's thinking (${slot})`);
      default:
        return assertUnreachable(read.kind);
    }
  });
  return changed ? { ...body, content } : body;
}

function blockText(block: Json): { kind: SlotKind; text: string } | undefined {
  const kind = typeof block.type === 'string' ? BLOCK_KINDS[block.type] : undefined;
  switch (kind) {
    case undefined:
      return undefined;
    case 'text':
      return typeof block.text === 'string' ? { kind, text: block.text } : undefined;
    case 'tool_use':
      return { kind, text: JSON.stringify(isPlainObject(block.input) ? block.input : {}) };
    case 'thinking':
      return typeof block.thinking === 'string' ? { kind, text: block.thinking } : undefined;
    default:
      return assertUnreachable(kind);
  }
}

/** Where an event's text goes: its slot, the text it carries, and how to write a new one in its place. */
interface EventText {
  slot: string;
  kind: SlotKind;
  text: string;
  isDelta: boolean;
}

function eventText(event: Json | undefined): EventText | undefined {
  if (event === undefined || typeof event.index !== 'number') {
    return undefined;
  }
  if (event.type === 'content_block_start' && isPlainObject(event.content_block)) {
    const block = event.content_block;
    const kind = typeof block.type === 'string' ? BLOCK_KINDS[block.type] : undefined;
    if (kind === undefined) {
      return undefined;
    }
    // A streamed tool_use opens with `input: {}` and sends its input as deltas; a non-empty one is its whole input.
    const text =
      kind === 'tool_use'
        ? isPlainObject(block.input) && Object.keys(block.input).length > 0
          ? JSON.stringify(block.input)
          : ''
        : stringOr(kind === 'text' ? block.text : block.thinking);
    return { slot: `${event.index}:${kind}`, kind, text, isDelta: false };
  }
  if (event.type === 'content_block_delta' && isPlainObject(event.delta)) {
    const { delta } = event;
    const spec = typeof delta.type === 'string' ? DELTA_FIELDS[delta.type] : undefined;
    if (spec === undefined) {
      return undefined;
    }
    return { slot: `${event.index}:${spec.kind}`, kind: spec.kind, text: stringOr(delta[spec.field]), isDelta: true };
  }
  return undefined;
}

function streamedTexts(events: ReadonlyArray<Json | undefined>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const event of events) {
    const read = eventText(event);
    if (read !== undefined) {
      texts.set(read.slot, (texts.get(read.slot) ?? '') + read.text);
    }
  }
  return texts;
}

/**
 * The stream with the slots in `texts` replaced: the slot's first delta carries its whole new text, its later deltas
 * are dropped and its opening block is emptied, so the original is never replayed. A slot with no delta gets its new
 * text in its opening block.
 */
function withStreamTexts(raw: readonly string[], texts: AnswerTexts): string[] {
  const events = parseEventPayloads(raw);
  const original = streamedTexts(events);
  const rewrites = new Map<string, string>();
  for (const [slot, text] of texts) {
    if (original.has(slot) && original.get(slot) !== text) {
      if (slot.endsWith(':thinking')) {
        throw new UnmaskableText(`the answer's thinking (${slot})`);
      }
      if (slot.endsWith(':tool_use')) {
        parseInput(text, slot);
      }
      rewrites.set(slot, text);
    }
  }
  if (rewrites.size === 0) {
    return [...raw];
  }
  const withDelta = new Set<string>();
  for (const event of events) {
    const read = eventText(event);
    if (read?.isDelta) {
      withDelta.add(read.slot);
    }
  }
  const written = new Set<string>();
  const out: string[] = [];
  events.forEach((event, position) => {
    const read = eventText(event);
    const replacement = read && rewrites.get(read.slot);
    if (event === undefined || read === undefined || replacement === undefined) {
      out.push(raw[position]);
      return;
    }
    if (!read.isDelta) {
      const carriesText = !withDelta.has(read.slot);
      out.push(JSON.stringify(withStartText(event, read.kind, carriesText ? replacement : '')));
      return;
    }
    if (written.has(read.slot)) {
      return;
    }
    written.add(read.slot);
    const delta = event.delta as Json;
    const field = DELTA_FIELDS[delta.type as string].field;
    out.push(JSON.stringify({ ...event, delta: { ...delta, [field]: replacement } }));
  });
  return out;
}

function withStartText(event: Json, kind: SlotKind, text: string): Json {
  const block = event.content_block as Json;
  switch (kind) {
    case 'text':
      return { ...event, content_block: { ...block, text } };
    case 'tool_use':
      return { ...event, content_block: { ...block, input: text === '' ? {} : parseInput(text, String(event.index)) } };
    case 'thinking':
      throw new UnmaskableText(`the answer's thinking (${String(event.index)}:thinking)`);
    default:
      return assertUnreachable(kind);
  }
}

function parseInput(text: string, slot: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnmaskableText(`the answer's tool_use input (${slot})`);
  }
  if (!isPlainObject(parsed)) {
    throw new UnmaskableText(`the answer's tool_use input (${slot})`);
  }
  return parsed;
}

function contentOf(body: Json): unknown[] {
  return Array.isArray(body.content) ? body.content : [];
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
