import type { Finding, GuardInput, Rewrite } from '../../guardrail.types';
import { withJoinedText } from '../../message-text';
import { isRecord } from '../vendor-params';
import { tallyFindings } from '../vendor-verdicts';

/** A text block Warden sent to ApplyGuardrail: the message it came from, or the assistant response. */
export interface SentText {
  text: string;
  /** Index in `input.messages`; absent for the response (OUTPUT). */
  messageIndex?: number;
}

interface AssessmentItem {
  policy: string;
  item: Record<string, unknown>;
  /** What names the item in a finding: never its `match`, the flagged text. */
  type: string;
}

/** Where each assessment lists its items, and what names an item's type. */
const ASSESSMENT_LISTS: ReadonlyArray<{
  policy: string;
  list: string;
  type: (item: Record<string, unknown>) => unknown;
}> = [
  { policy: 'topicPolicy', list: 'topics', type: (item) => item.name },
  { policy: 'contentPolicy', list: 'filters', type: (item) => item.type },
  { policy: 'wordPolicy', list: 'customWords', type: () => 'CUSTOM_WORD' },
  { policy: 'wordPolicy', list: 'managedWordLists', type: (item) => item.type },
  { policy: 'sensitiveInformationPolicy', list: 'piiEntities', type: (item) => item.type },
  { policy: 'sensitiveInformationPolicy', list: 'regexes', type: (item) => item.name ?? 'REGEX' },
  { policy: 'contextualGroundingPolicy', list: 'filters', type: (item) => item.type },
];

/** The items of every policy list of every assessment, tolerant of missing or odd parts. */
function assessmentItems(assessments: unknown): AssessmentItem[] {
  const items: AssessmentItem[] = [];
  for (const assessment of Array.isArray(assessments) ? assessments : []) {
    if (!isRecord(assessment)) {
      continue;
    }
    for (const { policy, list, type } of ASSESSMENT_LISTS) {
      const section = assessment[policy];
      const entries: unknown[] = isRecord(section) && Array.isArray(section[list]) ? section[list] : [];
      for (const item of entries) {
        if (isRecord(item)) {
          const name = type(item);
          items.push({ policy, item, type: typeof name === 'string' ? name : list });
        }
      }
    }
  }
  return items;
}

/** One finding per policy and type that acted (or detected), counted across all assessments. */
export function bedrockFindings(assessments: unknown): Finding[] {
  const acting = assessmentItems(assessments).filter(({ item }) => itemActed(item));
  return acting.length > 0
    ? tallyFindings(acting.map(({ policy, type }) => ({ detector: `bedrock.${policy}`, type })))
    : [{ detector: 'bedrock', type: 'GUARDRAIL_INTERVENED', count: 1 }];
}

/** An item that acted on the text, or detected something (detect-only policies answer `action: NONE`). */
function itemActed(item: Record<string, unknown>): boolean {
  return item.detected === true || (typeof item.action === 'string' && item.action !== 'NONE');
}

/**
 * True when the guardrail only anonymized: at least one item says ANONYMIZED and every other item that acted or
 * detected says so too. A BLOCKED item, a detect-only item or an action Warden does not know keeps it a block.
 */
export function anonymizedOnly(assessments: unknown): boolean {
  const acting = assessmentItems(assessments)
    .map(({ item }) => item)
    .filter(itemActed);
  return acting.length > 0 && acting.every((item) => item.action === 'ANONYMIZED');
}

/**
 * The masked text Bedrock returns in `outputs` (`output` in some answers), one block per text block sent, put back
 * where each text came from. Undefined (so the flag blocks) when the answer cannot be mapped back with certainty:
 * a different number of blocks, a multi-part message whose text parts cannot be told apart, or nothing changed.
 */
export function anonymizedRewrite(
  answer: Record<string, unknown>,
  input: GuardInput,
  sent: readonly SentText[],
): Rewrite | undefined {
  const masked = outputTexts(answer);
  if (masked === undefined || masked.length !== sent.length) {
    return undefined;
  }
  const messages = [...input.messages];
  let changed = false;
  for (const [index, block] of sent.entries()) {
    const text = masked[index];
    if (text === block.text) {
      continue;
    }
    if (block.messageIndex === undefined) {
      return { response: text };
    }
    const rewritten = withJoinedText(messages[block.messageIndex], text);
    if (rewritten === undefined) {
      return undefined;
    }
    messages[block.messageIndex] = rewritten;
    changed = true;
  }
  return changed ? { messages } : undefined;
}

/**
 * The answer as shown in a block body and stored in the violation log: without the flagged text. Items lose their
 * `match` (the PII, the custom word); `outputs` are kept only when an item BLOCKED, since only then do they hold the
 * configured blocked message: otherwise they are the user's own text (masked or not).
 */
export function withoutFlaggedText(answer: Record<string, unknown>): Record<string, unknown> {
  const { outputs, output, assessments, ...rest } = answer;
  const blocked = assessmentItems(assessments).some(({ item }) => item.action === 'BLOCKED');
  return {
    ...rest,
    ...(blocked && outputs !== undefined ? { outputs } : {}),
    ...(blocked && output !== undefined ? { output } : {}),
    ...(assessments !== undefined ? { assessments: withoutMatches(assessments) } : {}),
  };
}

function withoutMatches(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutMatches);
  }
  if (!isRecord(value)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'match') {
      copy[key] = withoutMatches(child);
    }
  }
  return copy;
}

function outputTexts(answer: Record<string, unknown>): string[] | undefined {
  const list = Array.isArray(answer.outputs)
    ? answer.outputs
    : Array.isArray(answer.output)
      ? answer.output
      : undefined;
  if (list === undefined) {
    return undefined;
  }
  const texts = list.map((entry) => (isRecord(entry) && typeof entry.text === 'string' ? entry.text : undefined));
  return texts.every((text) => text !== undefined) ? texts : undefined;
}
