/**
 * A mock Lakera Guard v2 for the benchmark (vendor-wire-formats.md section 1): `POST /v2/guard` answers 200
 * `{"flagged": false, "metadata": {"request_uuid": ...}}`, plus `payload`, `breakdown` and `dev_info` when asked,
 * as the real service does. Latency: `--latency-ms`, or per request `metadata.bench_latency_ms` (the guardrail's
 * configured `metadata` is sent with every screening). `GET /bench/calls` answers `{"calls": n}`, the screenings
 * received so far (the verdict-cache scenario checks that cache hits make no call).
 *
 *   node --import tsx bench/mocks/lakera.server.ts --port 0 --latency-ms 0
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, numberField, parseJson, readBody, readMockOptions } from './mock-options';

const options = readMockOptions(process.argv.slice(2));
const DETECTORS = ['prompt_attack', 'pii/email', 'pii/credit_card', 'moderated_content/hate', 'unknown_links'];

function breakdown(): Array<Record<string, unknown>> {
  return DETECTORS.map((type) => ({
    project_id: 'project-lakera-default',
    policy_id: 'policy-lakera-default',
    detector_id: `detector-lakera-default-${type.split('/')[0].replace('_', '-')}`,
    detector_type: type,
    detected: false,
    message_id: 0,
  }));
}

function screening(request: Record<string, unknown>): string {
  return JSON.stringify({
    ...(request.payload === true ? { payload: [] } : {}),
    flagged: false,
    ...(request.dev_info === true
      ? {
          dev_info: {
            git_revision: 'f0bc093a',
            git_timestamp: '2025-09-23T15:28:06+00:00',
            model_version: 'lakera-guard-1',
            version: '2.0.281',
          },
        }
      : {}),
    metadata: { request_uuid: randomUUID() },
    ...(request.breakdown === true ? { breakdown: breakdown() } : {}),
  });
}

let calls = 0;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/bench/calls') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ calls }));
    return;
  }
  if (req.method !== 'POST' || req.url !== '/v2/guard') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not Found"}');
    return;
  }
  const body = parseJson(await readBody(req));
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { messages?: unknown }).messages)) {
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end('{"error":"Invalid Request","message":"messages: field required"}');
    return;
  }
  calls += 1;
  const request = body as Record<string, unknown>;
  const latencyMs = numberField(request.metadata, 'bench_latency_ms', options.latencyMs);
  const answer = (): void => {
    const text = screening(request);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  };
  if (latencyMs > 0) {
    setTimeout(answer, latencyMs);
  } else {
    answer();
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => res.destroy());
});
listenOnLoopback(server, options.port, 'mock-lakera');
