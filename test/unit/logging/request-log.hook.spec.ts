import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { installRequestLog } from '../../../src/logging/request-log.hook';

interface Line {
  level: number;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  msg: string;
}

async function serverWithLog(detailedDebug: boolean): Promise<{ app: FastifyInstance; url: string; lines: Line[] }> {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  const app = Fastify({ genReqId: () => 'req-1' });
  installRequestLog(app, pino({ level: 'debug' }, sink), detailedDebug);
  app.get('/ok', () => ({ ok: true }));
  app.get('/missing', (_request, reply) => reply.status(404).send({ error: 'no' }));
  app.get('/broken', (_request, reply) => reply.status(502).send({ error: 'upstream' }));
  app.get('/slow', async () => new Promise(() => undefined));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, lines };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('installRequestLog', () => {
  it('writes one line per 4xx (warn) and 5xx (error) with the request id, and none for a 2xx', async () => {
    const { app, url, lines } = await serverWithLog(false);
    try {
      await fetch(`${url}/ok`);
      await fetch(`${url}/missing?x=1`);
      await fetch(`${url}/broken`);
      await until(() => lines.length === 2);
      expect(lines).toEqual([
        expect.objectContaining({
          level: 40,
          reqId: 'req-1',
          req: { id: 'req-1', method: 'GET', url: '/missing?x=1' },
          res: { statusCode: 404 },
          msg: 'request completed',
        }),
        expect.objectContaining({ level: 50, reqId: 'req-1', res: { statusCode: 502 }, msg: 'request completed' }),
      ]);
      expect(typeof lines[0].responseTime).toBe('number');
    } finally {
      await app.close();
    }
  });

  it('logs 2xx too under --detailed_debug, and a client that left as request aborted', async () => {
    const { app, url, lines } = await serverWithLog(true);
    try {
      await fetch(`${url}/ok`);
      await until(() => lines.length === 1);
      expect(lines[0]).toMatchObject({ level: 30, res: { statusCode: 200 }, msg: 'request completed' });
      const controller = new AbortController();
      const pending = fetch(`${url}/slow`, { signal: controller.signal }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      await pending;
      await until(() => lines.length === 2);
      expect(lines[1]).toMatchObject({ reqId: 'req-1', req: { url: '/slow' }, msg: 'request aborted' });
    } finally {
      await app.close();
    }
  });
});
