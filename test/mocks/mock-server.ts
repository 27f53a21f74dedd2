import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** Parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  /** Monotonic order of arrival across every mock started in this process: proves event order without clocks. */
  seq: number;
}

export type MockHandler = (request: RecordedRequest, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;

let sequence = 0;
/** A process-wide counter shared by all mocks, so tests can compare "which happened first" across servers. */
function nextSeq(): number {
  sequence += 1;
  return sequence;
}

/**
 * A plain node:http server on 127.0.0.1 and a random port that records every request.
 * Emits 'request' (RecordedRequest) on arrival and 'aborted' (RecordedRequest) when the client goes away early.
 */
export class MockServer extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private gate?: Promise<unknown>;
  url = '';

  constructor(private handler: MockHandler) {
    super();
    this.server = createServer((req, res) => void this.dispatch(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Replaces the handler for the following requests. */
  respondWith(handler: MockHandler): void {
    this.handler = handler;
  }

  reset(): void {
    this.requests.length = 0;
    this.gate = undefined;
  }

  /** Requests are recorded on arrival but answered only once `until` settles (for event-ordered tests). */
  holdUntil(until: Promise<unknown>): void {
    this.gate = until;
  }

  /** Resolves with the next request to arrive. */
  nextRequest(): Promise<RecordedRequest> {
    return new Promise((resolve) => this.once('request', resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      rawBody,
      body: parseJson(rawBody),
      seq: nextSeq(),
    };
    this.requests.push(recorded);
    res.on('close', () => {
      if (!res.writableFinished) {
        this.emit('aborted', recorded);
      }
    });
    this.emit('request', recorded);
    if (this.gate) {
      await this.gate;
    }
    try {
      await this.handler(recorded, res, req);
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ error: String(error) }));
    }
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
