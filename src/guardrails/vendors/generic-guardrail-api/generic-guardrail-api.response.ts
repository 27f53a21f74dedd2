import { isRecord } from '../vendor-params';

export type GenericAction = 'NONE' | 'BLOCKED' | 'GUARDRAIL_INTERVENED';

export interface GenericReading {
  action: GenericAction | 'OTHER';
  blockedReason?: string;
  /** Positional replacements, same length as sent (checked by the caller). */
  texts?: string[];
}

/** The service's answer, or undefined when `texts` is there but not a list of strings. A missing action is NONE. */
export function readGenericAnswer(body: Record<string, unknown>): GenericReading | undefined {
  const raw = body.action ?? 'NONE';
  const action: GenericReading['action'] =
    raw === 'NONE' || raw === 'BLOCKED' || raw === 'GUARDRAIL_INTERVENED' ? raw : 'OTHER';
  const texts = body.texts;
  if (texts !== undefined && texts !== null && (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string'))) {
    return undefined;
  }
  return {
    action,
    ...(typeof body.blocked_reason === 'string' ? { blockedReason: body.blocked_reason } : {}),
    ...(Array.isArray(texts) ? { texts } : {}),
  };
}

/**
 * What the violation log keeps: the action and reason, not the rewritten texts (they are the user's text, masked or
 * not) nor any structured messages the service sent back.
 */
export function vendorResponseOf(body: Record<string, unknown>, changedTexts: number): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'texts' || key === 'structured_messages' || key === 'images' || key === 'tools') {
      continue;
    }
    kept[key] = value;
  }
  return { ...kept, ...(changedTexts > 0 ? { texts_changed: changedTexts } : {}) };
}

export function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}
