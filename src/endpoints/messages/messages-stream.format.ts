import { toHttpError } from '../../common/openai-error';
import type { WardenError } from '../../common/warden.error';
import type { StreamFormat } from '../endpoint.adapter';
import { anthropicErrorBody } from './anthropic-error';

/** Anthropic writes its `type` first; reading it there spares a JSON parse per event on the pass-through path. */
const LEADING_TYPE = /^\{"type":"([a-z_]+)"/;

/**
 * Messages streams name every event (`event: <type>`): the Anthropic SDK dispatches on that name and silently drops
 * data-only frames. They end with `message_stop`, no `[DONE]`; a failure mid-stream is an `error` event.
 */
export const messagesStreamFormat: StreamFormat = {
  frame: (data) => frame(eventType(data), data),
  end: '',
  errorFrame(error: WardenError, _sequence: number, requestId: string): string {
    const { status, body } = toHttpError(error);
    const { message } = body.error;
    const { guardrail } = error.options;
    const named = typeof message === 'string' || guardrail === undefined ? message : { ...message, guardrail };
    return frame('error', JSON.stringify(anthropicErrorBody(status, { ...body.error, message: named }, requestId)));
  },
};

function frame(event: string, data: string): string {
  const lines = data
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n');
  return `event: ${event}\n${lines}\n\n`;
}

function eventType(data: string): string {
  const leading = LEADING_TYPE.exec(data);
  if (leading) {
    return leading[1];
  }
  try {
    const parsed = JSON.parse(data) as unknown;
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { type?: unknown }).type === 'string') {
      return (parsed as { type: string }).type.replace(/[\r\n]/g, '');
    }
  } catch {
    // not JSON: still framed, under a name the SDK ignores
  }
  return 'unknown';
}
