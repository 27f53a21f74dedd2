/** Pure helpers to read and rewrite the assistant text of OpenAI completions and streamed chunks. */

type Json = Record<string, unknown>;

interface Choice {
  index?: number;
  message?: { content?: unknown };
  delta?: { content?: unknown };
}

function choicesOf(body: Json): Choice[] {
  return Array.isArray(body.choices) ? (body.choices as Choice[]) : [];
}

/** The assistant text of a non-streamed completion (choices joined by a blank line). */
export function completionText(body: Json): string {
  return choicesOf(body)
    .map((choice) => (typeof choice.message?.content === 'string' ? choice.message.content : ''))
    .join('\n\n');
}

/** A copy of the completion whose single choice carries `text`. Multi-choice answers are not rewritten. */
export function withCompletionText(body: Json, text: string): Json {
  const choices = choicesOf(body);
  if (choices.length !== 1) {
    return body;
  }
  return { ...body, choices: [{ ...choices[0], message: { ...choices[0].message, content: text } }] };
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

/** The assistant text assembled from streamed chunks (choice 0). */
export function streamedText(chunks: ReadonlyArray<Json | undefined>): string {
  let text = '';
  for (const chunk of chunks) {
    const choice = chunk ? choicesOf(chunk).find((c) => (c.index ?? 0) === 0) : undefined;
    if (typeof choice?.delta?.content === 'string') {
      text += choice.delta.content;
    }
  }
  return text;
}

/**
 * The stream with its text replaced: the first content chunk carries the whole rewritten text and later content
 * deltas are dropped, so the original text is never replayed. Role, tool-call and finish chunks are kept.
 */
export function withStreamedText(
  events: readonly string[],
  chunks: ReadonlyArray<Json | undefined>,
  text: string,
): string[] {
  const out: string[] = [];
  let written = false;
  chunks.forEach((chunk, i) => {
    const choice = chunk ? choicesOf(chunk).find((c) => (c.index ?? 0) === 0) : undefined;
    const content = choice?.delta?.content;
    if (!chunk || typeof content !== 'string' || content === '') {
      out.push(events[i]);
      return;
    }
    if (!written) {
      const choices = choicesOf(chunk).map((c) =>
        (c.index ?? 0) === 0 ? { ...c, delta: { ...c.delta, content: text } } : c,
      );
      out.push(JSON.stringify({ ...chunk, choices }));
      written = true;
    }
  });
  return out;
}
