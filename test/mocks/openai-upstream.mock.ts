import type { ServerResponse } from 'node:http';
import { MockServer, sendJson, sleep, type RecordedRequest } from './mock-server';
import { answerLegacy, isLegacyRoute } from './openai-legacy.routes';
import { answerResponses } from './openai-responses.route';

/** How the mock answers one request. Scripts queued with `enqueue` are used once each, then `defaults` applies. */
export interface UpstreamScript {
  status?: number;
  errorBody?: unknown;
  /** Wait before answering (headers included). */
  delayMs?: number;
  /** Never answer. */
  hang?: boolean;
  content?: string;
  /** Several choices (as for `n > 1`), one text each; streamed interleaved, one choice per chunk, as OpenAI does. */
  contents?: string[];
  /** Answer with this tool call instead of text (`finish_reason: tool_calls`); streamed in argument pieces. */
  toolCall?: { name: string; arguments: string };
  /** Extra response headers (rate limits), on answers and errors alike. */
  headers?: Record<string, string>;
  /** Answer with one JSON completion even when the request asked for a stream (a server without streaming). */
  noStreaming?: boolean;
  /** JSON answers: send the headers and part of the body, then drop the connection. */
  dropMidBody?: boolean;
  /** Wait between streamed chunks. */
  chunkDelayMs?: number;
  /** Streams: after the first content chunk, wait until `release()` is called. */
  holdAfterFirstChunk?: boolean;
  /** Streams: destroy the socket after this many chunks. */
  resetAfterChunks?: number;
}

/**
 * An OpenAI-compatible chat/completions server (also answers Azure's deployment URLs): JSON and SSE, with scripted
 * failures, and a record of every request and of every request the client aborted.
 */
export class OpenAiUpstreamMock extends MockServer {
  defaults: UpstreamScript = {};
  readonly aborted: RecordedRequest[] = [];
  private readonly queue: UpstreamScript[] = [];
  private releaseHeld: Array<() => void> = [];

  constructor(readonly label = 'upstream') {
    super((request, res) => this.answer(request, res));
    this.on('aborted', (request: RecordedRequest) => this.aborted.push(request));
  }

  enqueue(...scripts: UpstreamScript[]): void {
    this.queue.push(...scripts);
  }

  /** Lets held streams continue. */
  release(): void {
    const waiting = this.releaseHeld;
    this.releaseHeld = [];
    waiting.forEach((resume) => resume());
  }

  override reset(): void {
    super.reset();
    this.aborted.length = 0;
    this.queue.length = 0;
    this.defaults = {};
  }

  chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes('/chat/completions'));
  }

  private async answer(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const script = { ...this.defaults, ...(this.queue.shift() ?? {}) };
    if (script.hang) {
      return;
    }
    if (script.delayMs) {
      await sleep(script.delayMs);
    }
    if (script.status && script.status >= 400) {
      sendJson(
        res,
        script.status,
        script.errorBody ?? {
          error: {
            message: `mock ${this.label} failure ${script.status}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        },
        { ...(script.status === 429 ? { 'retry-after': '0' } : {}), ...script.headers },
      );
      return;
    }
    if (request.path.endsWith('/responses')) {
      return answerResponses(request, res, script, this.label);
    }
    if (isLegacyRoute(request.path)) {
      return answerLegacy(request, res, script, this.label);
    }
    const body = (request.body ?? {}) as { model?: string; stream?: boolean; messages?: unknown[] };
    if (script.noStreaming) {
      body.stream = false;
    }
    const contents = script.contents ?? [script.content ?? `reply from ${this.label}`];
    const model = body.model ?? 'unknown';
    if (script.toolCall) {
      this.answerToolCall(res, model, script.toolCall, body.stream === true);
      return;
    }
    if (!body.stream && script.dropMidBody) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400', ...script.headers });
      res.write('{"id":"chatcmpl-mock","object":"chat.completion","choices":[', () => res.socket?.destroy());
      return;
    }
    if (!body.stream) {
      sendJson(
        res,
        200,
        {
          id: 'chatcmpl-mock',
          object: 'chat.completion',
          created: 1700000000,
          model,
          choices: contents.map((content, index) => ({
            index,
            message: { role: 'assistant', content },
            finish_reason: 'stop',
            logprobs: null,
          })),
          usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
        },
        script.headers,
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...script.headers });
    const chunk = (index: number, delta: Record<string, unknown>, finish: string | null): string =>
      `data: ${JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1700000000, model, choices: [{ index, delta, finish_reason: finish }] })}\n\n`;
    contents.forEach((_content, index) => res.write(chunk(index, { role: 'assistant', content: '' }, null)));
    const pieces = contents.map((content) => content.split(/(?<= )/));
    const rounds = Math.max(...pieces.map((list) => list.length));
    let sent = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, list] of pieces.entries()) {
        const piece = list[round];
        if (piece === undefined) {
          continue;
        }
        if (res.destroyed) {
          return;
        }
        // Waiting for the flush makes the reset land mid-stream, not before the headers.
        await new Promise<void>((flushed) => res.write(chunk(index, { content: piece }, null), () => flushed()));
        sent += 1;
        if (script.resetAfterChunks !== undefined && sent >= script.resetAfterChunks) {
          res.socket?.destroy();
          return;
        }
        if (sent === 1 && script.holdAfterFirstChunk) {
          await new Promise<void>((resume) => this.releaseHeld.push(resume));
        }
        if (script.chunkDelayMs) {
          await sleep(script.chunkDelayMs);
        }
      }
    }
    if (res.destroyed) {
      return;
    }
    contents.forEach((_content, index) => res.write(chunk(index, {}, 'stop')));
    res.end('data: [DONE]\n\n');
  }

  private answerToolCall(
    res: ServerResponse,
    model: string,
    toolCall: { name: string; arguments: string },
    stream: boolean,
  ): void {
    const call = { id: 'call_mock', type: 'function', function: toolCall };
    if (!stream) {
      sendJson(res, 200, {
        id: 'chatcmpl-mock',
        object: 'chat.completion',
        created: 1700000000,
        model,
        choices: [
          { index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls' },
        ],
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
      `data: ${JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1700000000, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const opening = { ...call, index: 0, function: { name: toolCall.name, arguments: '' } };
    res.write(chunk({ role: 'assistant', content: null, tool_calls: [opening] }, null));
    for (const piece of toolCall.arguments.match(/.{1,8}/gs) ?? []) {
      res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
    }
    res.write(chunk({}, 'tool_calls'));
    res.end('data: [DONE]\n\n');
  }
}

export async function startOpenAiUpstream(label?: string): Promise<OpenAiUpstreamMock> {
  return new OpenAiUpstreamMock(label).start();
}
