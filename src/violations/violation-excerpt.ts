import type { ExcerptPolicy } from '../config/config.schema';
import { textOf } from '../guardrails/message-text';
import type { GuardInput, GuardrailMode } from '../guardrails/guardrail.types';
import { assertUnreachable } from '../common/warden.error';
import { redactSensitiveText } from '../guardrails/redact-sensitive-text';

const EXCERPT_LENGTH = 500;
/**
 * Redaction reads this far, then on to the next whitespace so no token is cut in two, instead of the whole text: the
 * excerpt keeps 500 characters, and running the detectors over a 100 KB prompt costs milliseconds per violation.
 */
const REDACTION_WINDOW = 1_500;
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
  WHITESPACE.lastIndex = REDACTION_WINDOW;
  const cut = text.length > REDACTION_WINDOW ? (WHITESPACE.exec(text)?.index ?? text.length) : text.length;
  const redacted = redactSensitiveText(text.slice(0, cut));
  return cut < text.length ? `${redacted.slice(0, EXCERPT_LENGTH)}…` : shorten(redacted);
}

function shorten(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}
