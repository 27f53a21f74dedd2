import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import { toHttpError } from '../common/openai-error';
import { WardenError, WardenErrorCode } from '../common/warden.error';
import { isBodyTimeout } from '../models/providers/upstream-http.client';

/**
 * Writes OpenAI-style Server-Sent Events as they arrive (no buffering), honouring backpressure, and always ends the
 * stream: `data: [DONE]` after the last chunk, or an error frame then `[DONE]` when the upstream fails mid-stream.
 */
export async function writeSse(reply: FastifyReply, events: AsyncIterable<string>): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  // Headers set on the reply so far (request id, applied guardrails) go out with the stream.
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  try {
    for await (const data of events) {
      if (raw.destroyed) {
        return;
      }
      if (!raw.write(sseFrame(data))) {
        await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
      }
    }
    if (!raw.destroyed) {
      raw.end('data: [DONE]\n\n');
    }
  } catch (error) {
    if (raw.destroyed) {
      return;
    }
    const wardenError =
      error instanceof WardenError
        ? error
        : isBodyTimeout(error)
          ? new WardenError(
              WardenErrorCode.UpstreamTimeout,
              'upstream stream stalled: nothing arrived within the timeout',
            )
          : new WardenError(
              WardenErrorCode.UpstreamUnreachable,
              `upstream stream failed: ${(error as Error).message ?? String(error)}`,
            );
    raw.end(`data: ${JSON.stringify(toHttpError(wardenError).body)}\n\ndata: [DONE]\n\n`);
  }
}

/** One SSE event. Data spanning several lines (an upstream may send pretty-printed JSON) gets one `data:` per line. */
export function sseFrame(data: string): string {
  return data.includes('\n') ? `data: ${data.replace(/\r?\n/g, '\ndata: ')}\n\n` : `data: ${data}\n\n`;
}
