/**
 * Pure helpers to read and rewrite every text the model wrote in an OpenAI completion or stream: each choice's
 * content (or its text and refusal parts), refusal, reasoning, tool call and function call arguments. Each text is a
 * slot, keyed `<choice>:<field>` (e.g. `0:content`, `1:tool_calls.0`), so a mask lands exactly where the text was.
 */

import { isPlainObject } from '../../config/config.env';
import type { AnswerCodec, AnswerTexts } from '../../guardrails/modes/answer-codec';
import { parseEventPayloads } from '../event-payloads';

type Json = Record<string, unknown>;

/** What to do with a slot's text: keep it (undefined), replace it (a string). */
type SlotVisitor = (slot: string, text: string) => string | undefined;

const TEXT_FIELDS = ['refusal', 'reasoning_content', 'reasoning'] as const;

function choicesOf(body: Json): Json[] {
  return Array.isArray(body.choices) ? body.choices.filter(isPlainObject) : [];
}

function choiceIndex(choice: Json, position: number): number {
  return typeof choice.index === 'number' ? choice.index : position;
}

/**
 * A copy of `message` (a completion's message or a stream's delta) with `visit` applied to each text slot; the object
 * itself when nothing changed. In a stream, tool calls are keyed by their `index` (deltas of one call share it); in a
 * whole completion by position, so two calls an upstream gave the same index are still two texts.
 */
function visitSlots(message: Json, prefix: string, visit: SlotVisitor, streamed = false): Json {
  const copy: Json = { ...message };
  let changed = false;
  const apply = (slot: string, text: string): string => {
    const replaced = visit(`${prefix}${slot}`, text);
    if (replaced === undefined || replaced === text) {
      return text;
    }
    changed = true;
    return replaced;
  };
  const { content } = message;
  if (typeof content === 'string') {
    copy.content = apply('content', content);
  } else if (Array.isArray(content)) {
    copy.content = content.map((part: unknown, index) => {
      if (isPlainObject(part) && typeof part.text === 'string') {
        return { ...part, text: apply(`content.${index}`, part.text) };
      }
      if (isPlainObject(part) && part.type === 'refusal' && typeof part.refusal === 'string') {
        return { ...part, refusal: apply(`content.${index}`, part.refusal) };
      }
      return part;
    });
  }
  for (const field of TEXT_FIELDS) {
    const value = message[field];
    if (typeof value === 'string') {
      copy[field] = apply(field, value);
    }
  }
  if (Array.isArray(message.tool_calls)) {
    copy.tool_calls = message.tool_calls.map((call: unknown, position) => {
      if (!isPlainObject(call) || !isPlainObject(call.function) || typeof call.function.arguments !== 'string') {
        return call;
      }
      const key = streamed && typeof call.index === 'number' ? call.index : position;
      return {
        ...call,
        function: { ...call.function, arguments: apply(`tool_calls.${key}`, call.function.arguments) },
      };
    });
  }
  const legacy = message.function_call;
  if (isPlainObject(legacy) && typeof legacy.arguments === 'string') {
    copy.function_call = { ...legacy, arguments: apply('function_call', legacy.arguments) };
  }
  return changed ? copy : message;
}

export function completionTexts(body: Json): AnswerTexts {
  const texts = new Map<string, string>();
  choicesOf(body).forEach((choice, position) => {
    if (isPlainObject(choice.message)) {
      visitSlots(choice.message, `${position}:`, (slot, text) => {
        texts.set(slot, text);
        return undefined;
      });
    }
  });
  return texts;
}

/**
 * A copy of the completion with the slots in `texts` replaced. A rewritten choice loses its `logprobs`, which would
 * spell out the original tokens.
 */
export function withCompletionTexts(body: Json, texts: AnswerTexts): Json {
  const choices = choicesOf(body).map((choice, position) => {
    if (!isPlainObject(choice.message)) {
      return choice;
    }
    const message = visitSlots(choice.message, `${position}:`, (slot) => texts.get(slot));
    return message === choice.message ? choice : withoutLogprobs({ ...choice, message });
  });
  return { ...body, choices };
}

/** The model's texts assembled from streamed deltas. */
export function streamedTexts(chunks: ReadonlyArray<Json | undefined>): AnswerTexts {
  const texts = new Map<string, string>();
  for (const chunk of chunks) {
    (chunk ? choicesOf(chunk) : []).forEach((choice, position) => {
      if (isPlainObject(choice.delta)) {
        visitSlots(
          choice.delta,
          `${choiceIndex(choice, position)}:`,
          (slot, text) => {
            texts.set(slot, (texts.get(slot) ?? '') + text);
            return undefined;
          },
          true,
        );
      }
    });
  }
  return texts;
}

/**
 * The stream with the slots in `texts` replaced: a slot's first non-empty delta carries its whole new text and its
 * later deltas are emptied, so the original is never replayed. Rewritten choices lose their `logprobs`; a choice left
 * with nothing to say is dropped, and so is a chunk left with no choice and no usage. Role, ids, names, finish_reason
 * and other choices are kept.
 */
export function withStreamedTexts(
  events: readonly string[],
  chunks: ReadonlyArray<Json | undefined>,
  texts: AnswerTexts,
): string[] {
  const written = new Set<string>();
  const out: string[] = [];
  chunks.forEach((chunk, i) => {
    const choices = chunk ? choicesOf(chunk) : [];
    let touched = false;
    const kept = choices.flatMap((choice, position): Json[] => {
      if (!isPlainObject(choice.delta)) {
        return [choice];
      }
      let emptied = 0;
      const delta = visitSlots(
        choice.delta,
        `${choiceIndex(choice, position)}:`,
        (slot, text) => {
          const replacement = texts.get(slot);
          if (replacement === undefined || text === '') {
            return undefined;
          }
          if (!written.has(slot)) {
            written.add(slot);
            return replacement;
          }
          emptied += 1;
          return '';
        },
        true,
      );
      if (delta === choice.delta) {
        return [choice];
      }
      touched = true;
      return emptied > 0 && saysNothing(delta) && isAbsent(choice.finish_reason)
        ? []
        : [withoutLogprobs({ ...choice, delta })];
    });
    if (!chunk || !touched) {
      out.push(events[i]);
    } else if (kept.length > 0 || !isAbsent(chunk.usage)) {
      out.push(JSON.stringify({ ...chunk, choices: kept }));
    }
  });
  return out;
}

/** A delta whose texts are all empty and that carries nothing else but its role or a tool call's index. */
function saysNothing(delta: Json): boolean {
  return Object.entries(delta).every(([key, value]) => {
    if (key === 'role' || value === '' || value === null || value === undefined) {
      return true;
    }
    if (key === 'tool_calls' && Array.isArray(value)) {
      return value.every(
        (call: unknown) =>
          isPlainObject(call) &&
          Object.entries(call).every(
            ([field, inner]) =>
              field === 'index' ||
              (field === 'function' && isPlainObject(inner) && Object.values(inner).every((text) => text === '')),
          ),
      );
    }
    if (key === 'function_call' && isPlainObject(value)) {
      return Object.values(value).every((text) => text === '');
    }
    return false;
  });
}

function withoutLogprobs(choice: Json): Json {
  return isAbsent(choice.logprobs) ? choice : { ...choice, logprobs: null };
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Chat completions answers, JSON and chunk streams. */
export const chatAnswerCodec: AnswerCodec = {
  jsonTexts: completionTexts,
  withJsonTexts: withCompletionTexts,
  streamTexts: (events) => streamedTexts(parseEventPayloads(events)),
  withStreamTexts: (events, texts) => withStreamedTexts(events, parseEventPayloads(events), texts),
};
