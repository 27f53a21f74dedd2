import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import { WardenError, WardenErrorCode } from '../common/warden.error';
import { isBodyTimeout } from '../models/providers/upstream-http.client';
import type { StreamFormat } from './endpoint.adapter';

/**
 * Writes Server-Sent Events as they arrive (no buffering), honouring backpressure, framed as the endpoint's API
 * frames them, and always ends the stream: the API's end marker after the last event, or its error event when the
 * upstream fails mid-stream.
 */
export async function writeSse(
  reply: FastifyReply,
  events: AsyncIterable<string>,
  format: StreamFormat,
  requestId: string,
): Promise<void> {
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
  let sequence = 0;
  try {
    for await (const data of events) {
      if (raw.destroyed) {
        return;
      }
      if (!raw.write(format.frame(data, sequence))) {
        await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
      }
      sequence += 1;
    }
    if (!raw.destroyed) {
      raw.end(format.end);
    }
  } catch (error) {
    if (raw.destroyed) {
      return;
    }
    raw.end(format.errorFrame(asWardenError(error), sequence, requestId));
  }
}

function asWardenError(error: unknown): WardenError {
  if (error instanceof WardenError) {
    return error;
  }
  if (isBodyTimeout(error)) {
    return new WardenError(
      WardenErrorCode.UpstreamTimeout,
      'upstream stream stalled: nothing arrived within the timeout',
    );
  }
  return new WardenError(
    WardenErrorCode.UpstreamUnreachable,
    `upstream stream failed: ${(error as Error).message ?? String(error)}`,
  );
}

/** One SSE event. Data spanning several lines (an upstream may send pretty-printed JSON) gets one `data:` per line. */
export function sseFrame(data: string, event?: string): string {
  const lines = data.includes('\n') ? `data: ${data.replace(/\r?\n/g, '\ndata: ')}` : `data: ${data}`;
  return event === undefined ? `${lines}\n\n` : `event: ${event}\n${lines}\n\n`;
}

/**
 * The `event:` name of a payload whose JSON carries its `type` (Responses and Messages streams): read from the
 * leading `{"type":"..."` when the upstream put it first, else parsed.
 */
export function eventType(data: string): string | undefined {
  const leading = /^\{\s*"type"\s*:\s*"([^"\\]+)"/.exec(data);
  if (leading) {
    return leading[1];
  }
  try {
    const parsed = JSON.parse(data) as unknown;
    const type = (parsed as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}
