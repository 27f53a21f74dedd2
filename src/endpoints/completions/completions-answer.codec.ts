/**
 * Reads and rewrites the generated text of a `text_completion` (JSON) and of its stream chunks. Each choice's text is
 * a slot keyed `<choice>:text`. With `echo: true` the answer starts with its prompt, which pre_call already checked:
 * only the generated part is read, and the echoed prompt is kept when a mask is written back.
 */
import { isPlainObject } from '../../config/config.env';
import type { AnswerCodec, AnswerTexts } from '../../guardrails/modes/answer-codec';
import type { CompletionsRequest } from './completions-request';
import { parseEventPayloads } from '../event-payloads';

type Json = Record<string, unknown>;

export function completionsAnswerCodec(request: CompletionsRequest): AnswerCodec {
  const echoed = echoedPrompt(request);
  return {
    jsonTexts: (body) => jsonTexts(body, echoed),
    withJsonTexts: (body, texts) => withJsonTexts(body, texts, echoed),
    streamTexts: (events) => streamTexts(parseEventPayloads(events), echoed),
    withStreamTexts: (events, texts) => withStreamTexts(events, texts, echoed),
  };
}

/** The prompt a choice repeats before its generated text ('' without echo, or for token ids, which are unreadable). */
type EchoedPrompt = (choiceIndex: number) => string;

function echoedPrompt(request: CompletionsRequest): EchoedPrompt {
  const { prompt, echo, choicesPerPrompt } = request;
  if (!echo || prompt.kind !== 'texts') {
    return () => '';
  }
  // With several prompts and `n`, choices come grouped prompt by prompt.
  return (index) => prompt.texts[Math.floor(index / choicesPerPrompt)] ?? '';
}

/** The length of the echoed prefix a choice's whole text starts with; 0 when it does not (then all of it is read). */
function echoLength(text: string, echoed: string): number {
  return echoed !== '' && text.startsWith(echoed) ? echoed.length : 0;
}

const slotOf = (index: number): string => `${index}:text`;

function choicesOf(body: Json): Json[] {
  return Array.isArray(body.choices) ? body.choices.filter(isPlainObject) : [];
}

function indexOf(choice: Json, position: number): number {
  return typeof choice.index === 'number' ? choice.index : position;
}

/** Slots of a whole answer are keyed by position, so two choices an upstream gave the same index stay two texts. */
function jsonTexts(body: Json, echoed: EchoedPrompt): AnswerTexts {
  const texts = new Map<string, string>();
  choicesOf(body).forEach((choice, position) => {
    if (typeof choice.text === 'string') {
      const text = choice.text;
      texts.set(slotOf(position), text.slice(echoLength(text, echoed(indexOf(choice, position)))));
    }
  });
  return texts;
}

/** A rewritten choice loses its `logprobs`, which would spell out the original tokens. */
function withJsonTexts(body: Json, texts: AnswerTexts, echoed: EchoedPrompt): Json {
  if (!Array.isArray(body.choices)) {
    return body;
  }
  let position = -1;
  const choices = body.choices.map((choice: unknown) => {
    if (!isPlainObject(choice)) {
      return choice;
    }
    position += 1;
    const replacement = texts.get(slotOf(position));
    if (typeof choice.text !== 'string' || replacement === undefined) {
      return choice;
    }
    const kept = choice.text.slice(0, echoLength(choice.text, echoed(indexOf(choice, position))));
    const text = kept + replacement;
    return text === choice.text ? choice : { ...choice, text, logprobs: null };
  });
  return { ...body, choices };
}

/** Each choice's whole text, fragments joined in order, keyed by the choice's `index`. */
function wholeTexts(chunks: ReadonlyArray<Json | undefined>): Map<number, string> {
  const whole = new Map<number, string>();
  for (const chunk of chunks) {
    (chunk ? choicesOf(chunk) : []).forEach((choice, position) => {
      if (typeof choice.text === 'string') {
        const index = indexOf(choice, position);
        whole.set(index, (whole.get(index) ?? '') + choice.text);
      }
    });
  }
  return whole;
}

function streamTexts(chunks: ReadonlyArray<Json | undefined>, echoed: EchoedPrompt): AnswerTexts {
  const texts = new Map<string, string>();
  for (const [index, text] of wholeTexts(chunks)) {
    texts.set(slotOf(index), text.slice(echoLength(text, echoed(index))));
  }
  return texts;
}

/**
 * The stream with the slots in `texts` replaced: echoed fragments are kept, the first fragment past the echo carries
 * the whole new text and later ones are emptied, so the original is never replayed. A choice left with nothing to
 * say is dropped, and so is a chunk left with no choice and no usage.
 */
function withStreamTexts(events: readonly string[], texts: AnswerTexts, echoed: EchoedPrompt): string[] {
  const chunks = parseEventPayloads(events);
  const whole = wholeTexts(chunks);
  const offsets = new Map<number, number>();
  const written = new Set<number>();
  const out: string[] = [];
  chunks.forEach((chunk, i) => {
    let touched = false;
    const choices = (chunk ? choicesOf(chunk) : []).flatMap((choice, position): Json[] => {
      const index = indexOf(choice, position);
      const replacement = texts.get(slotOf(index));
      if (typeof choice.text !== 'string' || replacement === undefined) {
        return [choice];
      }
      const start = offsets.get(index) ?? 0;
      offsets.set(index, start + choice.text.length);
      const full = whole.get(index) ?? '';
      const kept = echoLength(full, echoed(index));
      if (start + choice.text.length <= kept || (choice.text === '' && !written.has(index))) {
        return [choice];
      }
      touched = true;
      let text = '';
      if (!written.has(index)) {
        written.add(index);
        text = choice.text.slice(0, Math.max(0, kept - start)) + replacement;
      }
      if (text === '' && (choice.finish_reason === null || choice.finish_reason === undefined)) {
        return [];
      }
      return [{ ...choice, text, logprobs: null }];
    });
    if (!chunk || !touched) {
      out.push(events[i]);
    } else if (choices.length > 0 || (chunk.usage !== undefined && chunk.usage !== null)) {
      out.push(JSON.stringify({ ...chunk, choices }));
    }
  });
  return out;
}
