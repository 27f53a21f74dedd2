import type { ExcerptPolicy } from '../config/config.schema';
import { textOf } from '../guardrails/message-text';
import type { GuardInput, GuardrailMode, Verdict } from '../guardrails/guardrail.types';
import { assertUnreachable } from '../common/warden.error';
import { redactSensitiveText } from '../guardrails/redact-sensitive-text';

const EXCERPT_LENGTH = 500;
/**
 * Redaction reads the excerpt and this much more, then on to the next whitespace so no token is cut in two, instead
 * of the whole text: running the detectors over a 100 KB prompt would cost milliseconds per violation. What is read
 * past the excerpt only serves detections that start inside it and end after it.
 */
const REDACTION_MARGIN = 200;
const WHITESPACE = /\s/g;

/** Where a guardrail found what it flagged, when it can tell (`Verdict.flaggedIn`). */
export type FlagLocation = NonNullable<Extract<Verdict, { outcome: 'flagged' }>['flaggedIn']>;

/**
 * The flagged text as stored with a violation. Before the call it is the last user message. In post_call, where the
 * guardrail read the input and the response, it is the one the verdict names (`flaggedIn`); when the verdict does not
 * say (or says both), both, labelled `input:` and `response:`, each shortened on its own. An empty side is left out.
 * `redacted` (default) masks PII and secrets with the built-in detectors; `full` keeps it; `none` stores nothing.
 */
export function buildExcerpt(
  input: GuardInput,
  mode: GuardrailMode,
  policy: ExcerptPolicy,
  flaggedIn?: FlagLocation,
): string | undefined {
  switch (policy) {
    case 'none':
      return undefined;
    case 'full':
      return flaggedExcerpt(input, mode, flaggedIn, shorten);
    case 'redacted':
      return flaggedExcerpt(input, mode, flaggedIn, redactedExcerpt);
    default:
      return assertUnreachable(policy);
  }
}

function flaggedExcerpt(
  input: GuardInput,
  mode: GuardrailMode,
  flaggedIn: FlagLocation | undefined,
  excerpt: (text: string) => string,
): string {
  const prompt = lastUserText(input);
  const response = mode === 'post_call' ? (input.response ?? '') : '';
  if (response === '' || flaggedIn === 'input') {
    return excerpt(prompt);
  }
  if (prompt === '' || flaggedIn === 'response') {
    return excerpt(response);
  }
  return `input: ${excerpt(prompt)}\n\nresponse: ${excerpt(response)}`;
}

function lastUserText(input: GuardInput): string {
  const lastUser =
    [...input.messages].reverse().find((m) => m.role === 'user') ?? input.messages[input.messages.length - 1];
  return lastUser ? textOf(lastUser) : '';
}

function redactedExcerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH + REDACTION_MARGIN) {
    return shorten(redactSensitiveText(text));
  }
  WHITESPACE.lastIndex = EXCERPT_LENGTH + REDACTION_MARGIN;
  const cut = WHITESPACE.exec(text)?.index ?? text.length;
  const redacted = redactSensitiveText(text.slice(0, cut));
  if (cut === text.length) {
    return shorten(redacted);
  }
  // Masks can be shorter than what they replace, so the window's tail, where something with spaces in it (a phone
  // number) may have been cut in two and gone undetected, is never kept.
  return `${redacted.slice(0, Math.max(0, Math.min(EXCERPT_LENGTH, redacted.length - REDACTION_MARGIN)))}…`;
}

function shorten(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}
