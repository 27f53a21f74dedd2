import type { ExcerptPolicy } from '../config/config.schema';
import { textOf } from '../guardrails/message-text';
import type { GuardInput, GuardrailMode } from '../guardrails/guardrail.types';
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

/**
 * The flagged text as stored with a violation: the assistant output for post_call, else the last user message.
 * `redacted` (default) masks PII and secrets with the built-in detectors; `full` keeps it; `none` stores nothing.
 */
export function buildExcerpt(input: GuardInput, mode: GuardrailMode, policy: ExcerptPolicy): string | undefined {
  switch (policy) {
    case 'none':
      return undefined;
    case 'full':
      return shorten(flaggedText(input, mode));
    case 'redacted':
      return redactedExcerpt(flaggedText(input, mode));
    default:
      return assertUnreachable(policy);
  }
}

function flaggedText(input: GuardInput, mode: GuardrailMode): string {
  if (mode === 'post_call' && input.response !== undefined) {
    return input.response;
  }
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
