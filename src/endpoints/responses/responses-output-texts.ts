/**
 * The model's texts in a Response object's `output[]`, by slot `<output index>:<field>`: `content.<j>` (a message's
 * output_text or refusal part), `arguments` (function_call), `input` (custom_tool_call), `summary.<j>` and
 * `reasoning.<j>` (a reasoning item's summary and content: read, never rewritten).
 */

import { isPlainObject } from '../../config/config.env';
import type { AnswerTexts } from '../../guardrails/modes/answer-codec';
import { UnmaskableText } from '../endpoint.adapter';

type Json = Record<string, unknown>;

/** What to do with a slot's text: keep it (undefined), or replace it. */
export type SlotVisitor = (slot: string, text: string) => string | undefined;

const READ_ONLY_SLOT = /^\d+:(?:summary|reasoning)\./;

/** Reasoning text goes back to the model as it wrote it (and OpenAI may check it), so it is never rewritten. */
export function isReadOnlySlot(slot: string): boolean {
  return READ_ONLY_SLOT.test(slot);
}

/** A copy of an output item with `visit` applied to each text; the item itself when nothing changed. */
export function visitItem(item: Json, outputIndex: number, visit: SlotVisitor): Json {
  const prefix = `${outputIndex}:`;
  let changed = false;
  const apply = (slot: string, text: string): string => {
    const replaced = visit(`${prefix}${slot}`, text);
    if (replaced === undefined || replaced === text) {
      return text;
    }
    changed = true;
    return replaced;
  };
  const copy: Json = { ...item };
  switch (item.type) {
    case 'message':
      if (Array.isArray(item.content)) {
        copy.content = item.content.map((part: unknown, index) => visitPart(part, `content.${index}`, apply));
      }
      break;
    case 'function_call':
      if (typeof item.arguments === 'string') {
        copy.arguments = apply('arguments', item.arguments);
        checkArguments(outputIndex, item.arguments, copy.arguments as string);
      }
      break;
    case 'custom_tool_call':
      if (typeof item.input === 'string') {
        copy.input = apply('input', item.input);
      }
      break;
    case 'reasoning':
      copy.summary = visitTextList(item.summary, 'summary', apply);
      copy.content = visitTextList(item.content, 'reasoning', apply);
      break;
    default:
      break;
  }
  return changed ? copy : item;
}

/** A message part: output_text (whose logprobs would spell out a rewritten text) or refusal. */
export function visitPart(part: unknown, slot: string, apply: (slot: string, text: string) => string): unknown {
  if (isPlainObject(part) && typeof part.text === 'string') {
    const text = apply(slot, part.text);
    if (text === part.text) {
      return part;
    }
    return Array.isArray(part.logprobs) ? { ...part, text, logprobs: [] } : { ...part, text };
  }
  if (isPlainObject(part) && part.type === 'refusal' && typeof part.refusal === 'string') {
    const refusal = apply(slot, part.refusal);
    return refusal === part.refusal ? part : { ...part, refusal };
  }
  return part;
}

function visitTextList(list: unknown, field: string, apply: (slot: string, text: string) => string): unknown {
  if (!Array.isArray(list)) {
    return list;
  }
  return list.map((entry: unknown, index) => {
    if (!isPlainObject(entry) || typeof entry.text !== 'string') {
      return entry;
    }
    const text = apply(`${field}.${index}`, entry.text);
    return text === entry.text ? entry : { ...entry, text };
  });
}

/** Masks land inside the arguments' string values; a rewrite that breaks their JSON cannot be sent. */
export function checkArguments(outputIndex: number, original: string, rewritten: string): void {
  assertStillJson(original, rewritten, `output[${outputIndex}].arguments`);
}

/** Tool arguments that were JSON must stay JSON once rewritten: otherwise the mask cannot be written at `at`. */
export function assertStillJson(original: string, rewritten: string, at: string): void {
  if (rewritten !== original && isJson(original) && !isJson(rewritten)) {
    throw new UnmaskableText(at);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function outputOf(response: Json): unknown[] {
  return Array.isArray(response.output) ? response.output : [];
}

export function responseTexts(response: Json): AnswerTexts {
  const texts = new Map<string, string>();
  collectResponseTexts(response, (slot, text) => texts.set(slot, text));
  return texts;
}

export function collectResponseTexts(response: Json, collect: (slot: string, text: string) => void): void {
  outputOf(response).forEach((item, index) => {
    if (isPlainObject(item)) {
      visitItem(item, index, (slot, text) => {
        collect(slot, text);
        return undefined;
      });
    }
  });
}

/**
 * The response with the slots in `texts` replaced. An `output_text` convenience field (the SDK adds it; some servers
 * send it) is rebuilt from the rewritten messages, since it spells out the original.
 */
export function withResponseTexts(response: Json, texts: AnswerTexts): Json {
  let changed = false;
  const output = outputOf(response).map((item, index) => {
    if (!isPlainObject(item)) {
      return item;
    }
    const visited = visitItem(item, index, (slot) => texts.get(slot));
    changed ||= visited !== item;
    return visited;
  });
  if (!changed) {
    return response;
  }
  const rewritten: Json = { ...response, output };
  if (typeof response.output_text === 'string') {
    rewritten.output_text = joinedOutputText(output);
  }
  return rewritten;
}

function joinedOutputText(output: unknown[]): string {
  return output
    .filter(isPlainObject)
    .filter((item) => item.type === 'message' && Array.isArray(item.content))
    .flatMap((item) => (item.content as unknown[]).filter(isPlainObject))
    .filter((part) => part.type === 'output_text' && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('');
}
