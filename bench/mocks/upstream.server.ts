/**
 * A mock upstream for the benchmark: plain node:http, loopback only, no dependencies on test code, nothing recorded.
 * It answers each API in its own wire format (bodies built once, in native-answers.ts):
 * - `POST /v1/chat/completions`: a chat.completion, or with `stream: true` chat.completion.chunk SSE then `[DONE]`;
 * - `POST /v1/responses`: a Responses object, or its named-event stream (`response.created` ... `response.completed`);
 * - `POST /v1/messages`: an Anthropic Message, or its event stream (`message_start` ... `message_stop`);
 * - `POST /v1/completions`: a text_completion, or its data-only chunks then `[DONE]`;
 * - `POST /v1/embeddings`: a list of embeddings (`bench.dimensions` floats each, 1,536 by default).
 * Per-request knobs in the body's `bench` object (the gateway passes unknown fields through untouched):
 * `latency_ms` (before the answer or the first chunk), `chunks` (SSE chunk count for chat and completions; the
 * Responses and Messages streams carry `chunks - 2` text deltas, as many as chat's word chunks), `chunk_interval_ms`.
 *
 *   node --import tsx bench/mocks/upstream.server.ts --port 0 --latency-ms 0
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, numberField, parseJson, readBody, readMockOptions } from './mock-options';
import {
  chatJson,
  chatStream,
  completionsJson,
  completionsStream,
  embeddingsJson,
  memo,
  messagesJson,
  messagesStream,
  responsesJson,
  responsesStream,
  type StreamAnswer,
} from './native-answers';

const options = readMockOptions(process.argv.slice(2));

interface StreamPlan {
  latencyMs: number;
  intervalMs: number;
}

type Api = 'chat' | 'responses' | 'messages' | 'completions' | 'embeddings';

interface Route {
  json(model: string, request: Record<string, unknown>): string;
  /** Absent: the API does not stream. */
  stream?(model: string, chunks: number): StreamAnswer;
}

const embeddings = memo(embeddingsJson);
const responses = memo(responsesStream);
const messages = memo(messagesStream);
const ROUTES: Record<Api, Route> = {
  chat: { json: memo(chatJson), stream: memo(chatStream) },
  responses: { json: memo(responsesJson), stream: (model, chunks) => responses(model, Math.max(1, chunks - 2)) },
  messages: { json: memo(messagesJson), stream: (model, chunks) => messages(model, Math.max(1, chunks - 2)) },
  completions: { json: memo(completionsJson), stream: memo(completionsStream) },
  embeddings: {
    json: (model, request) =>
      embeddings(
        model,
        Array.isArray(request.input) && typeof request.input[0] === 'string' ? request.input.length : 1,
        numberField(request.bench, 'dimensions', 1536),
      ),
  },
};
/** The API a path names; `/chat/completions` before `/completions`. */
function apiOf(url: string): Api | undefined {
  const path = url.split('?')[0];
  if (path.endsWith('/chat/completions')) {
    return 'chat';
  }
  if (path.endsWith('/responses')) {
    return 'responses';
  }
  if (path.endsWith('/v1/messages')) {
    return 'messages';
  }
  if (path.endsWith('/completions')) {
    return 'completions';
  }
  return path.endsWith('/embeddings') ? 'embeddings' : undefined;
}

function answerJson(res: ServerResponse, body: string, latencyMs: number): void {
  const send = (): void => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (latencyMs > 0) {
    setTimeout(send, latencyMs);
  } else {
    send();
  }
}

/** Headers and the first frame after `latencyMs`, then one frame every `intervalMs`, then the stream's end. */
function answerStream(res: ServerResponse, answer: StreamAnswer, plan: StreamPlan): void {
  const { frames, end } = answer;
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
    const last = sent === frames.length - 1;
    res.write(frames[sent]);
    sent += 1;
    if (last) {
      res.end(end);
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
  const api = req.method === 'POST' && req.url ? apiOf(req.url) : undefined;
  if (!api) {
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
  const route = ROUTES[api];
  if (request.stream === true && route.stream) {
    answerStream(res, route.stream(model, Math.max(2, numberField(knobs, 'chunks', 8))), {
      latencyMs,
      intervalMs: numberField(knobs, 'chunk_interval_ms', 0),
    });
    return;
  }
  answerJson(res, route.json(model, request), latencyMs);
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => res.destroy());
});
listenOnLoopback(server, options.port, 'mock-upstream');
