/**
 * The model's texts in a held Responses event stream, by the same slots as responses-output-texts.ts (the output
 * index is the item's position in the terminal `response.output`), and the stream with some rewritten. A text can
 * appear in deltas, `*.done` events, content parts, `output_item.done` and every event carrying the `response`:
 * guardrails read every version of it, and a rewrite leaves the original in none.
 */

import { isPlainObject } from '../../config/config.env';
import type { AnswerTexts } from '../../guardrails/modes/answer-codec';
import {
  checkArguments,
  collectResponseTexts,
  visitItem,
  visitPart,
  withResponseTexts,
} from './responses-output-texts';

type Json = Record<string, unknown>;

interface TextEvent {
  /** The field holding the text (a delta, or the whole text on `.done`). */
  field: string;
  slot(event: Json): string;
  delta: boolean;
}

const contentSlot = (event: Json): string => `${String(event.output_index)}:content.${String(event.content_index)}`;
const argumentsSlot = (event: Json): string => `${String(event.output_index)}:arguments`;
const inputSlot = (event: Json): string => `${String(event.output_index)}:input`;
const summarySlot = (event: Json): string => `${String(event.output_index)}:summary.${String(event.summary_index)}`;
const reasoningSlot = (event: Json): string => `${String(event.output_index)}:reasoning.${String(event.content_index)}`;

const TEXT_EVENTS: Readonly<Record<string, TextEvent>> = {
  'response.output_text.delta': { field: 'delta', slot: contentSlot, delta: true },
  'response.output_text.done': { field: 'text', slot: contentSlot, delta: false },
  'response.refusal.delta': { field: 'delta', slot: contentSlot, delta: true },
  'response.refusal.done': { field: 'refusal', slot: contentSlot, delta: false },
  'response.function_call_arguments.delta': { field: 'delta', slot: argumentsSlot, delta: true },
  'response.function_call_arguments.done': { field: 'arguments', slot: argumentsSlot, delta: false },
  'response.custom_tool_call_input.delta': { field: 'delta', slot: inputSlot, delta: true },
  'response.custom_tool_call_input.done': { field: 'input', slot: inputSlot, delta: false },
  'response.reasoning_summary_text.delta': { field: 'delta', slot: summarySlot, delta: true },
  'response.reasoning_summary_text.done': { field: 'text', slot: summarySlot, delta: false },
  'response.reasoning_text.delta': { field: 'delta', slot: reasoningSlot, delta: true },
  'response.reasoning_text.done': { field: 'text', slot: reasoningSlot, delta: false },
};

/** Events whose `part` holds a whole text; on `.added` it is normally empty. */
const PART_EVENTS: Readonly<Record<string, (event: Json) => string>> = {
  'response.content_part.added': contentSlot,
  'response.content_part.done': contentSlot,
  'response.reasoning_summary_part.added': summarySlot,
  'response.reasoning_summary_part.done': summarySlot,
};

/**
 * Each slot's text: every distinct version the stream carries (joined deltas, `.done` texts, parts, items, the
 * terminal response), a newline between two when an upstream sent versions that disagree.
 */
export function streamedResponseTexts(parsed: ReadonlyArray<Json | undefined>): AnswerTexts {
  const deltas = new Map<string, string>();
  const versions = new Map<string, string[]>();
  const whole = (slot: string, text: string): void => {
    const list = versions.get(slot) ?? [];
    if (!list.includes(text)) {
      list.push(text);
    }
    versions.set(slot, list);
  };
  for (const event of parsed) {
    if (event) {
      visitEvent(event, (slot, text, isDelta) => {
        if (isDelta) {
          deltas.set(slot, (deltas.get(slot) ?? '') + text);
        } else {
          whole(slot, text);
        }
        return undefined;
      });
    }
  }
  for (const [slot, text] of deltas) {
    whole(slot, text);
  }
  const texts = new Map<string, string>();
  for (const [slot, list] of versions) {
    const distinct = list.filter((text) => text !== '');
    texts.set(slot, distinct.length > 0 ? distinct.join('\n') : '');
  }
  return texts;
}

/**
 * The stream with the slots in `texts` replaced: a slot's first delta carries its whole new text and its later deltas
 * are dropped (the sequence numbers are renumbered then); `.done` events, parts, items and responses carry the new text,
 * and an `.added` event's text, normally empty, is emptied. Rewritten deltas lose `logprobs` and `obfuscation`.
 */
export function withStreamedResponseTexts(
  events: readonly string[],
  parsed: ReadonlyArray<Json | undefined>,
  texts: AnswerTexts,
): string[] {
  const originals = streamedResponseTexts(parsed);
  for (const [slot, text] of texts) {
    const match = /^(\d+):arguments$/.exec(slot);
    if (match) {
      checkArguments(Number(match[1]), originals.get(slot) ?? '', text);
    }
  }
  const written = new Set<string>();
  let dropped = false;
  const kept: Array<{ data: string; event?: Json }> = [];
  parsed.forEach((event, index) => {
    if (!event) {
      kept.push({ data: events[index] });
      return;
    }
    let drop = false;
    const rewritten = visitEvent(event, (slot, _text, isDelta, isAdded) => {
      const replacement = texts.get(slot);
      if (replacement === undefined) {
        return undefined;
      }
      if (isAdded) {
        return '';
      }
      if (!isDelta) {
        return replacement;
      }
      if (written.has(slot)) {
        drop = true;
        return undefined;
      }
      written.add(slot);
      return replacement;
    });
    if (drop) {
      dropped = true;
    } else if (rewritten === event) {
      kept.push({ data: events[index], event });
    } else {
      kept.push({ data: JSON.stringify(rewritten), event: rewritten });
    }
  });
  return dropped ? renumbered(kept) : kept.map(({ data }) => data);
}

type EventVisitor = (slot: string, text: string, isDelta: boolean, isAdded: boolean) => string | undefined;

/** A copy of the event with `visit` applied to each text it carries; the event itself when nothing changed. */
function visitEvent(event: Json, visit: EventVisitor): Json {
  const type = String(event.type);
  const added = type.endsWith('.added');
  const textEvent = TEXT_EVENTS[type];
  if (textEvent) {
    const text = event[textEvent.field];
    if (typeof text !== 'string') {
      return event;
    }
    const replaced = visit(textEvent.slot(event), text, textEvent.delta, false);
    if (replaced === undefined || replaced === text) {
      return event;
    }
    const { obfuscation: _obfuscation, ...rest } = event;
    const copy: Json = { ...(textEvent.delta ? rest : event), [textEvent.field]: replaced };
    if (Array.isArray(event.logprobs)) {
      copy.logprobs = [];
    }
    return copy;
  }
  const partSlot = PART_EVENTS[type];
  if (partSlot) {
    const part = visitPart(event.part, partSlot(event), (slot, text) => visit(slot, text, false, added) ?? text);
    return part === event.part ? event : { ...event, part };
  }
  if (isPlainObject(event.item) && typeof event.output_index === 'number') {
    const item = visitItem(event.item, event.output_index, (slot, text) => visit(slot, text, false, added));
    return item === event.item ? event : { ...event, item };
  }
  if (isPlainObject(event.response)) {
    const response = event.response;
    const slots = new Map<string, string>();
    collectResponseTexts(response, (slot, text) => {
      const replaced = visit(slot, text, false, false);
      if (replaced !== undefined) {
        slots.set(slot, replaced);
      }
    });
    const rewritten = withResponseTexts(response, slots);
    return rewritten === response ? event : { ...event, response: rewritten };
  }
  return event;
}

/** Sequence numbers count on from the first event's, without the gaps the dropped deltas left. */
function renumbered(kept: ReadonlyArray<{ data: string; event?: Json }>): string[] {
  const first = kept.find(({ event }) => typeof event?.sequence_number === 'number')?.event?.sequence_number;
  let next = typeof first === 'number' ? first : 0;
  return kept.map(({ data, event }) => {
    if (typeof event?.sequence_number !== 'number') {
      return data;
    }
    return JSON.stringify({ ...event, sequence_number: next++ });
  });
}
