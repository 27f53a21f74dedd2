import type { AnswerCodec } from '../../guardrails/modes/answer-codec';
import { isReadOnlySlot, responseTexts, withResponseTexts } from './responses-output-texts';
import { parseEventPayloads } from '../event-payloads';
import { streamedResponseTexts, withStreamedResponseTexts } from './responses-stream-texts';

/**
 * Reads and rewrites a Responses answer: a Response object's `output[]`, or a held stream's events. Reasoning
 * summaries and reasoning text are read but never rewritten: a mask there blocks the answer.
 */
export const RESPONSES_ANSWER_CODEC: AnswerCodec = {
  jsonTexts: responseTexts,
  withJsonTexts: withResponseTexts,
  streamTexts: (events) => streamedResponseTexts(parseEventPayloads(events)),
  withStreamTexts: (events, texts) => withStreamedResponseTexts(events, parseEventPayloads(events), texts),
  readOnly: isReadOnlySlot,
};
