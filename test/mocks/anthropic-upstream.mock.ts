import type { ServerResponse } from 'node:http';
import { MockServer, sendJson, type RecordedRequest } from './mock-server';

/** A tool call the mock answers with (`stop_reason: tool_use`); streamed as `input_json_delta` pieces. */
export interface ScriptedToolUse {
  id?: string;
  name: string;
  input: Record<string, unknown>;
}

/**
 * Anthropic's Messages API (`POST /v1/messages`), JSON and SSE (every event named with `event:`), with its error
 * envelope. The key is accepted as `x-api-key` (SDK 0.x) or `Authorization: Bearer` (the 2026-10-21 SDK majors).
 */
export class AnthropicUpstreamMock extends MockServer {
  content = 'Bonjour from Claude';
  failWith?: { status: number; type: string; message: string };
  /** Answer with a thinking block (signed `sig_mock`) before the text. */
  thinking?: string;
  /** Answer with this tool call after the text (an empty `content` sends no text block). */
  toolUse?: ScriptedToolUse;
  /** Streams: send this `event: error` after the first text delta, then close (no `message_stop`). */
  errorMidStream?: { type: string; message: string };

  constructor(readonly apiKey = 'sk-ant-test') {
    super((request, res) => this.answer(request, res));
  }

  override reset(): void {
    super.reset();
    this.failWith = undefined;
    this.thinking = undefined;
    this.toolUse = undefined;
    this.errorMidStream = undefined;
  }

  /** Requests that reached `/v1/messages`. */
  messageRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.startsWith('/v1/messages'));
  }

  private authorized(request: RecordedRequest): boolean {
    return request.headers['x-api-key'] === this.apiKey || request.headers.authorization === `Bearer ${this.apiKey}`;
  }

  private answer(request: RecordedRequest, res: ServerResponse): void {
    if (!this.authorized(request)) {
      sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
      return;
    }
    if (!request.headers['anthropic-version']) {
      sendJson(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'anthropic-version header is required' },
      });
      return;
    }
    if (this.failWith) {
      sendJson(res, this.failWith.status, {
        type: 'error',
        error: { type: this.failWith.type, message: this.failWith.message },
      });
      return;
    }
    const body = request.body as { model: string; stream?: boolean; max_tokens?: number };
    if (typeof body?.max_tokens !== 'number') {
      sendJson(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      });
      return;
    }
    if (!body.stream) {
      sendJson(res, 200, {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: this.blocks(),
        stop_reason: this.toolUse ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 12, output_tokens: 4 },
      });
      return;
    }
    this.stream(res, body.model);
  }

  private blocks(): Array<Record<string, unknown>> {
    const blocks: Array<Record<string, unknown>> = [];
    if (this.thinking !== undefined) {
      blocks.push({ type: 'thinking', thinking: this.thinking, signature: 'sig_mock' });
    }
    if (this.content !== '') {
      blocks.push({ type: 'text', text: this.content });
    }
    if (this.toolUse) {
      blocks.push({
        type: 'tool_use',
        id: this.toolUse.id ?? 'toolu_01',
        name: this.toolUse.name,
        input: this.toolUse.input,
      });
    }
    return blocks;
  }

  private stream(res: ServerResponse, model: string): void {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (event: string, data: Record<string, unknown>): void => {
      res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    };
    const delta = (index: number, payload: Record<string, unknown>): void =>
      send('content_block_delta', { index, delta: payload });
    send('message_start', {
      message: {
        id: 'msg_02',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        usage: { input_tokens: 12, output_tokens: 1 },
      },
    });
    let index = 0;
    if (this.thinking !== undefined) {
      send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const piece of pieces(this.thinking)) {
        delta(index, { type: 'thinking_delta', thinking: piece });
      }
      delta(index, { type: 'signature_delta', signature: 'sig_mock' });
      send('content_block_stop', { index });
      index += 1;
    }
    if (this.content !== '') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      send('ping', {});
      for (const piece of pieces(this.content)) {
        delta(index, { type: 'text_delta', text: piece });
        if (this.errorMidStream) {
          send('error', { error: this.errorMidStream });
          res.end();
          return;
        }
      }
      send('content_block_stop', { index });
      index += 1;
    }
    if (this.toolUse) {
      const { id = 'toolu_01', name, input } = this.toolUse;
      send('content_block_start', { index, content_block: { type: 'tool_use', id, name, input: {} } });
      const json = JSON.stringify(input);
      const middle = Math.floor(json.length / 2);
      for (const piece of [json.slice(0, middle), json.slice(middle)]) {
        delta(index, { type: 'input_json_delta', partial_json: piece });
      }
      send('content_block_stop', { index });
    }
    send('message_delta', {
      delta: { stop_reason: this.toolUse ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: 4 },
    });
    send('message_stop', {});
    res.end();
  }
}

/** Word by word, spaces kept, as a model streams. */
function pieces(text: string): string[] {
  return text.split(/(?<= )/);
}

export async function startAnthropicUpstream(apiKey?: string): Promise<AnthropicUpstreamMock> {
  return new AnthropicUpstreamMock(apiKey).start();
}
