/**
 * Pure helpers to read and rewrite the assistant text of OpenAI completions and streamed chunks, choice by choice
 * (`n > 1` answers carry several).
 */

type Json = Record<string, unknown>;

/** The assistant text of each choice, by choice index; choices without text content are left out. */
export type ChoiceTexts = ReadonlyMap<number, string>;

interface Choice {
  index?: number;
  message?: { content?: unknown };
  delta?: { content?: unknown; [key: string]: unknown };
  finish_reason?: unknown;
}

function choicesOf(body: Json): Choice[] {
  return Array.isArray(body.choices) ? (body.choices as Choice[]) : [];
}

function indexOf(choice: Choice, position: number): number {
  return typeof choice.index === 'number' ? choice.index : position;
}

/** What post_call guardrails inspect: every choice's text in index order, a blank line between two. */
export function joinedText(texts: ChoiceTexts): string {
  return [...texts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, text]) => text)
    .join('\n\n');
}

export function completionTexts(body: Json): ChoiceTexts {
  const texts = new Map<number, string>();
  choicesOf(body).forEach((choice, position) => {
    if (typeof choice.message?.content === 'string') {
      texts.set(indexOf(choice, position), choice.message.content);
    }
  });
  return texts;
}

/** A copy of the completion whose choices named in `texts` carry the new text. */
export function withCompletionTexts(body: Json, texts: ChoiceTexts): Json {
  const choices = choicesOf(body).map((choice, position) => {
    const text = texts.get(indexOf(choice, position));
    return text === undefined ? choice : { ...choice, message: { ...choice.message, content: text } };
  });
  return { ...body, choices };
}

/** Parses buffered stream events once; events that are not JSON are kept as they are. */
export function parseChunks(events: readonly string[]): Array<Json | undefined> {
  return events.map((data) => {
    try {
      const parsed = JSON.parse(data) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : undefined;
    } catch {
      return undefined;
    }
  });
}

/** The assistant text of each choice, assembled from streamed chunks. */
export function streamedTexts(chunks: ReadonlyArray<Json | undefined>): ChoiceTexts {
  const texts = new Map<number, string>();
  for (const chunk of chunks) {
    if (!chunk) {
      continue;
    }
    choicesOf(chunk).forEach((choice, position) => {
      const content = choice.delta?.content;
      if (typeof content === 'string') {
        const index = indexOf(choice, position);
        texts.set(index, (texts.get(index) ?? '') + content);
      }
    });
  }
  return texts;
}

/**
 * The stream with the text of the choices in `texts` replaced: a choice's first content delta carries its whole new
 * text and its later content deltas are removed, so the original text is never replayed. Everything else a chunk
 * carries (role, tool calls, finish_reason, usage, other choices) is kept; a chunk left with nothing is dropped.
 */
export function withStreamedTexts(
  events: readonly string[],
  chunks: ReadonlyArray<Json | undefined>,
  texts: ChoiceTexts,
): string[] {
  const written = new Set<number>();
  const out: string[] = [];
  chunks.forEach((chunk, i) => {
    const choices = chunk ? choicesOf(chunk) : [];
    let touched = false;
    const kept = choices.flatMap((choice, position): Choice[] => {
      const index = indexOf(choice, position);
      const text = texts.get(index);
      const content = choice.delta?.content;
      if (text === undefined || typeof content !== 'string' || content === '') {
        return [choice];
      }
      touched = true;
      if (!written.has(index)) {
        written.add(index);
        return [{ ...choice, delta: { ...choice.delta, content: text } }];
      }
      const { content: _replayed, ...delta } = choice.delta ?? {};
      const carriesMore =
        Object.keys(delta).some((key) => key !== 'role') ||
        (choice.finish_reason !== null && choice.finish_reason !== undefined);
      return carriesMore ? [{ ...choice, delta }] : [];
    });
    if (!chunk || !touched) {
      out.push(events[i]);
    } else if (kept.length > 0 || (chunk.usage !== null && chunk.usage !== undefined)) {
      out.push(JSON.stringify({ ...chunk, choices: kept }));
    }
  });
  return out;
}
