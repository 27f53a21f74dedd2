import { toHttpError } from '../../common/openai-error';
import type { WardenError } from '../../common/warden.error';
import type { StreamFormat } from '../endpoint.adapter';

/** OpenAI writes `"type"` first; other payloads are parsed to find it. */
const LEADING_TYPE = /^\{\s*"type"\s*:\s*"([\w.-]+)"/;

/**
 * Responses streams as OpenAI writes them: `event: <type>` before each `data:` line, and nothing after the terminal
 * event (no `[DONE]`). Each payload carries its own `sequence_number`.
 */
export const RESPONSES_STREAM_FORMAT: StreamFormat = {
  frame: (data) => {
    const type = eventType(data);
    const lines = data.replace(/\r?\n/g, '\ndata: ');
    return type === undefined ? `data: ${lines}\n\n` : `event: ${type}\ndata: ${lines}\n\n`;
  },
  end: '',
  errorFrame: (error, sequence) => `event: error\ndata: ${JSON.stringify(errorEvent(error, sequence))}\n\n`,
};

/**
 * The mid-stream error event with both shapes in use (reference §1.5, §9.2): the documented flat `code`, `message`,
 * `param`, and the nested `error` object OpenAI sends and the SDKs throw on.
 */
export function errorEvent(error: WardenError, sequence: number): Record<string, unknown> {
  const { message, type, param, code } = toHttpError(error).body.error;
  return {
    type: 'error',
    code,
    message: typeof message === 'string' ? message : JSON.stringify(message),
    param,
    sequence_number: sequence,
    error: { type, code, message, param },
  };
}

function eventType(data: string): string | undefined {
  const leading = LEADING_TYPE.exec(data);
  if (leading) {
    return leading[1];
  }
  try {
    const parsed = JSON.parse(data) as { type?: unknown } | null;
    return typeof parsed?.type === 'string' && /^[\w.-]+$/.test(parsed.type) ? parsed.type : undefined;
  } catch {
    return undefined;
  }
}
