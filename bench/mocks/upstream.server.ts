/**
 * A mock OpenAI-compatible upstream for the benchmark: plain node:http, loopback only, no dependencies on test code.
 * `POST /v1/chat/completions` answers a chat.completion (JSON) or, with `stream: true`, chat.completion.chunk SSE.
 * Per-request knobs in the body's `bench` object (the gateway passes unknown fields through untouched):
 * `latency_ms` (before the answer or the first chunk), `chunks` (SSE chunk count), `chunk_interval_ms`.
 *
 *   node --import tsx bench/mocks/upstream.server.ts --port 0 --latency-ms 0
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, numberField, parseJson, readBody, readMockOptions } from './mock-options';

const options = readMockOptions(process.argv.slice(2));
const WORDS = ['Warden', 'checked', 'this', 'answer', 'and', 'found', 'nothing', 'to', 'block', 'today.'];

interface StreamPlan {
  latencyMs: number;
  chunks: number;
  intervalMs: number;
}

function completion(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench0001',
    object: 'chat.completion',
    created: 1764129600,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: WORDS.join(' '), refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 512, completion_tokens: 10, total_tokens: 522 },
    system_fingerprint: 'fp_bench',
  });
}

function chunk(model: string, index: number, last: boolean): string {
  const delta = index === 0 ? { role: 'assistant', content: '' } : { content: `${WORDS[index % WORDS.length]} ` };
  return `data: ${JSON.stringify({
    id: 'chatcmpl-bench0001',
    object: 'chat.completion.chunk',
    created: 1764129600,
    model,
    choices: [{ index: 0, delta: last ? {} : delta, logprobs: null, finish_reason: last ? 'stop' : null }],
  })}\n\n`;
}

function answerJson(res: ServerResponse, model: string, latencyMs: number): void {
  const send = (): void => {
    const body = completion(model);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (latencyMs > 0) {
    setTimeout(send, latencyMs);
  } else {
    send();
  }
}

/** Headers and the first chunk after `latencyMs`, then one chunk every `intervalMs`, the last with finish_reason. */
function answerStream(res: ServerResponse, model: string, plan: StreamPlan): void {
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  res.on('close', () => clearTimeout(timer));
  // setTimeout(fn, 0) waits at least 1 ms: with no delay asked, write at once so first-chunk times are not inflated.
  const after = (ms: number): void => {
    if (ms > 0) {
      timer = setTimeout(next, ms);
    } else {
      setImmediate(next);
    }
  };
  const next = (): void => {
    if (res.destroyed) {
      return;
    }
    if (sent === 0) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    }
    const last = sent === plan.chunks - 1;
    res.write(chunk(model, sent, last));
    sent += 1;
    if (last) {
      res.end('data: [DONE]\n\n');
    } else {
      after(plan.intervalMs);
    }
  };
  if (plan.latencyMs > 0) {
    after(plan.latencyMs);
  } else {
    next();
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
    return;
  }
  const body = parseJson(await readBody(req));
  if (typeof body !== 'object' || body === null) {
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"invalid JSON"}}');
    return;
  }
  const request = body as Record<string, unknown>;
  const model = typeof request.model === 'string' ? request.model : 'bench-model';
  const knobs = request.bench;
  const latencyMs = numberField(knobs, 'latency_ms', options.latencyMs);
  if (request.stream === true) {
    answerStream(res, model, {
      latencyMs,
      chunks: Math.max(2, numberField(knobs, 'chunks', 8)),
      intervalMs: numberField(knobs, 'chunk_interval_ms', 0),
    });
    return;
  }
  answerJson(res, model, latencyMs);
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => res.destroy());
});
listenOnLoopback(server, options.port, 'mock-upstream');
