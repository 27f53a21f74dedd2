/**
 * The texts of a Messages request as chat messages (what every guardrail vendor reads), and masks written back where
 * each text came from. Every chat message is listed with the place in the body of each of its text slots, in the
 * order `textSlots` sees them, so a rewritten slot maps back to exactly one field.
 */

import { isPlainObject } from '../../config/config.env';
import type { ChatMessage, ContentPart } from '../../guardrails/guardrail.types';
import { textSlots } from '../../guardrails/message-text';
import { UnmaskableText } from '../endpoint.adapter';
import { messagesOf, type ContentBlock, type MessagesRequest } from './messages-request';

type Json = Record<string, unknown>;
type Path = ReadonlyArray<string | number>;

/**
 * How a slot's text goes back: as the string it is, as the JSON text of an object (`tool_use.input`), or not at all
 * (thinking text, whose signature an edit would break).
 */
type SlotKind = 'text' | 'json' | 'readOnly';

interface TextSource {
  path: Path;
  kind: SlotKind;
}

/** A chat message and, for each of its text slots in order, where that text sits in the Messages body. */
interface GuardEntry {
  message: ChatMessage;
  sources: TextSource[];
}

/** Text parts and their sources, in block order. */
interface Parts {
  parts: ContentPart[];
  sources: TextSource[];
}

export function guardMessages(request: MessagesRequest): ChatMessage[] {
  return guardEntries(request.body).map((entry) => entry.message);
}

/** Throws UnmaskableText when a mask lands in read-only text or leaves a `tool_use.input` that is not a JSON object. */
export function withMaskedMessages(request: MessagesRequest, masked: readonly ChatMessage[]): MessagesRequest {
  const entries = guardEntries(request.body);
  if (masked.length !== entries.length) {
    throw new UnmaskableText('messages (the masked list does not match the request)');
  }
  let body: Json = request.body;
  entries.forEach((entry, position) => {
    const before = textSlots(entry.message);
    const after = textSlots(masked[position]);
    if (after.length !== before.length) {
      throw new UnmaskableText(`messages (message ${position} lost or gained a text)`);
    }
    after.forEach((text, slot) => {
      if (text !== before[slot]) {
        body = writeBack(body, entry.sources[slot], text);
      }
    });
  });
  return body === request.body ? request : { ...request, body };
}

function guardEntries(body: Json): GuardEntry[] {
  const entries: GuardEntry[] = [];
  const { system } = body;
  if (typeof system === 'string') {
    entries.push(stringEntry('system', system, ['system']));
  } else if (Array.isArray(system)) {
    const parts = readableParts(system as ContentBlock[], ['system']);
    if (parts.parts.length > 0) {
      entries.push({ message: { role: 'system', content: parts.parts }, sources: parts.sources });
    }
  }
  messagesOf(body).forEach((message, index) => {
    const path = ['messages', index];
    if (typeof message.content === 'string') {
      entries.push(stringEntry(message.role, message.content, [...path, 'content']));
    } else {
      entries.push(...turnEntries(message.role, message.content, [...path, 'content']));
    }
  });
  return entries;
}

/** A turn of blocks: its tool results first (as `tool` messages, as chat orders them), then the rest as one message. */
function turnEntries(role: string, blocks: ContentBlock[], path: Path): GuardEntry[] {
  const entries: GuardEntry[] = [];
  const rest: ContentBlock[] = [];
  const restPaths: Path[] = [];
  const toolCalls: Json[] = [];
  const callSources: TextSource[] = [];
  blocks.forEach((block, position) => {
    const at = [...path, position];
    if (block.type === 'tool_result') {
      const result = toolResultEntry(block, at);
      if (result) {
        entries.push(result);
      }
    } else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
      callSources.push({ path: [...at, 'input'], kind: 'json' });
    } else {
      rest.push(block);
      restPaths.push(at);
    }
  });
  const { parts, sources } = mergeParts(rest.map((block, i) => blockParts(block, restPaths[i])));
  if (parts.length > 0 || toolCalls.length > 0) {
    const message: ChatMessage = { role, content: parts.length > 0 ? parts : null };
    if (toolCalls.length > 0) {
      message.tool_calls = toolCalls;
    }
    entries.push({ message, sources: [...sources, ...callSources] });
  }
  return entries;
}

function toolResultEntry(block: ContentBlock, at: Path): GuardEntry | undefined {
  const { content } = block;
  const base = { role: 'tool', tool_call_id: block.tool_use_id };
  if (typeof content === 'string') {
    return { message: { ...base, content }, sources: [{ path: [...at, 'content'], kind: 'text' }] };
  }
  if (!Array.isArray(content)) {
    return undefined;
  }
  const { parts, sources } = readableParts(content as ContentBlock[], [...at, 'content']);
  return parts.length > 0 ? { message: { ...base, content: parts }, sources } : undefined;
}

function readableParts(blocks: readonly ContentBlock[], path: Path): Parts {
  return mergeParts(blocks.map((block, position) => blockParts(block, [...path, position])));
}

/** The texts of one block; images, redacted thinking and opaque sources have none and pass unread. */
function blockParts(block: ContentBlock, at: Path): Parts {
  switch (block.type) {
    case 'text':
      return part(block.text, [...at, 'text']);
    case 'thinking':
      return part(block.thinking, [...at, 'thinking'], 'readOnly');
    case 'document':
      return documentParts(block, at);
    case 'search_result':
      return mergeParts([
        part(block.title, [...at, 'title']),
        Array.isArray(block.content) ? readableParts(block.content as ContentBlock[], [...at, 'content']) : none(),
      ]);
    default:
      return none();
  }
}

function documentParts(block: ContentBlock, at: Path): Parts {
  const source = isPlainObject(block.source) ? block.source : {};
  const sourcePath = [...at, 'source'];
  let body = none();
  if (source.type === 'text') {
    body = part(source.data, [...sourcePath, 'data']);
  } else if (source.type === 'content' && typeof source.content === 'string') {
    body = part(source.content, [...sourcePath, 'content']);
  } else if (source.type === 'content' && Array.isArray(source.content)) {
    body = readableParts(source.content as ContentBlock[], [...sourcePath, 'content']);
  }
  return mergeParts([part(block.title, [...at, 'title']), part(block.context, [...at, 'context']), body]);
}

function part(text: unknown, path: Path, kind: SlotKind = 'text'): Parts {
  return typeof text === 'string' ? { parts: [{ type: 'text', text }], sources: [{ path, kind }] } : none();
}

function none(): Parts {
  return { parts: [], sources: [] };
}

function mergeParts(list: readonly Parts[]): Parts {
  return { parts: list.flatMap((p) => p.parts), sources: list.flatMap((p) => p.sources) };
}

function stringEntry(role: string, content: string, path: Path): GuardEntry {
  return { message: { role, content }, sources: [{ path, kind: 'text' }] };
}

function writeBack(body: Json, source: TextSource, text: string): Json {
  const where = source.path.join('.');
  switch (source.kind) {
    case 'text':
      return setIn(body, source.path, text);
    case 'json':
      return setIn(body, source.path, parseObject(text, where));
    case 'readOnly':
      throw new UnmaskableText(where);
    default: {
      const unexpected: never = source.kind;
      throw new UnmaskableText(String(unexpected));
    }
  }
}

function parseObject(text: string, where: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnmaskableText(where);
  }
  if (!isPlainObject(parsed)) {
    throw new UnmaskableText(where);
  }
  return parsed;
}

/** A copy of `root` with `value` at `path`; only the objects and arrays along the path are copied. */
function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) {
    return value as T;
  }
  const [key, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root] as unknown[];
    copy[key as number] = setIn(copy[key as number], rest, value);
    return copy as T;
  }
  const record = root as Json;
  return { ...record, [key]: setIn(record[key], rest, value) } as T;
}
