import type { ServerResponse } from 'node:http';
import { MockServer, sendJson, type RecordedRequest } from './mock-server';

/** Anthropic's Messages API (`POST /v1/messages`), JSON and SSE, with its error envelope. */
export class AnthropicUpstreamMock extends MockServer {
  content = 'Bonjour from Claude';
  failWith?: { status: number; type: string; message: string };

  constructor(readonly apiKey = 'sk-ant-test') {
    super((request, res) => this.answer(request, res));
  }

  private answer(request: RecordedRequest, res: ServerResponse): void {
    if (request.headers['x-api-key'] !== this.apiKey) {
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
        content: [{ type: 'text', text: this.content }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 12, output_tokens: 4 },
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (event: string, data: unknown): void => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_02',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [],
        stop_reason: null,
        usage: { input_tokens: 12, output_tokens: 1 },
      },
    });
    send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    send('ping', { type: 'ping' });
    for (const piece of this.content.split(/(?<= )/)) {
      send('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: piece },
      });
    }
    send('content_block_stop', { type: 'content_block_stop', index: 0 });
    send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 4 },
    });
    send('message_stop', { type: 'message_stop' });
    res.end();
  }
}

export async function startAnthropicUpstream(apiKey?: string): Promise<AnthropicUpstreamMock> {
  return new AnthropicUpstreamMock(apiKey).start();
}
