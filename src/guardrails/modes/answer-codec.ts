/** The model's texts by slot (a key naming where the text sits, e.g. `0:content`), in the order they appear. */
export type AnswerTexts = ReadonlyMap<string, string>;

type Json = Record<string, unknown>;

/**
 * How post_call reads and rewrites the model's answer in one API's wire format: a whole JSON answer, or the data
 * payloads of a held stream (in order, without `[DONE]`). Each endpoint adapter provides one; the strategy never
 * knows which API it guards.
 */
export interface AnswerCodec {
  jsonTexts(body: Json): AnswerTexts;
  /** The answer with each slot in `texts` replaced; slots not in `texts` keep their text. */
  withJsonTexts(body: Json, texts: AnswerTexts): Json;
  streamTexts(events: readonly string[]): AnswerTexts;
  withStreamTexts(events: readonly string[], texts: AnswerTexts): string[];
  /** Slots guardrails read but a mask may not rewrite (thinking text, whose signature an edit breaks): a mask there blocks. */
  readOnly?(slot: string): boolean;
}

/** For answers with no text (embeddings): post_call reads the input only. */
export const NO_ANSWER_TEXT: AnswerCodec = {
  jsonTexts: () => new Map(),
  withJsonTexts: (body) => body,
  streamTexts: () => new Map(),
  withStreamTexts: (events) => [...events],
};

/**
 * Thrown by `withMaskedMessages` or an answer codec when a mask cannot be written back faithfully (a masked
 * `tool_use.input` that is no longer JSON, a rewrite of read-only thinking text): the request is blocked instead of
 * sending the text unmasked.
 */
export class UnmaskableText extends Error {
  constructor(readonly where: string) {
    super(`a mask could not be applied to ${where}`);
    this.name = 'UnmaskableText';
  }
}
