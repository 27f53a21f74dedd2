import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

export interface MockOptions {
  port: number;
  /** Default delay before answering (JSON) or before the first chunk (SSE); a request may override it. */
  latencyMs: number;
}

/** `--port 0 --latency-ms 0`, as both mock servers take them. */
export function readMockOptions(argv: string[]): MockOptions {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', default: '0' }, 'latency-ms': { type: 'string', default: '0' } },
    strict: true,
  });
  return { port: Number(values.port), latencyMs: Number(values['latency-ms']) };
}

/** Listens on loopback and prints the line the benchmark waits for: `listening http://127.0.0.1:<port>`. */
export function listenOnLoopback(server: Server, port: number, name: string): void {
  // Long keep-alive so pooled connections from the gateway and the load client survive between scenarios.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  server.maxHeadersCount = 100;
  server.listen(port, '127.0.0.1', () => {
    const { port: actual } = server.address() as AddressInfo;
    process.stdout.write(`${name} listening http://127.0.0.1:${actual}\n`);
  });
  const close = (): void => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

/** A number from a parsed JSON body, else the fallback. */
export function numberField(source: unknown, key: string, fallback: number): number {
  if (typeof source !== 'object' || source === null) {
    return fallback;
  }
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function readBody(req: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
