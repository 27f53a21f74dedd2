import { connect } from 'node:net';
import Fastify from 'fastify';
import { refuseWhileClosing } from '../../../src/common/framework-errors';

describe(refuseWhileClosing.name, () => {
  it('answers a request that arrives while the server drains 503 in the OpenAI shape, and closes the connection', async () => {
    const app = Fastify({ return503OnClosing: false });
    refuseWhileClosing(app);
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((done) => (started = done));
    app.get('/slow', async () => {
      started();
      await held;
      return { ok: true };
    });
    app.get('/fast', () => ({ ok: true }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);

    // One keep-alive connection: /slow is in flight when the server starts closing; /fast is pipelined behind it.
    let answer = '';
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closedSocket = new Promise<void>((done) => socket.on('close', () => done()));
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await inFlight;
    const closing = app.close();
    socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((done) => setTimeout(done, 50));
    release();
    await closedSocket;
    await closing;

    const responses = answer.split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(responses[1].toLowerCase()).toContain('connection: close');
    const body = JSON.parse(responses[1].split('\r\n\r\n')[1]) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'service_unavailable_error', param: null, code: 'shutting_down' });
    expect(body.error.message).toContain('shutting down');
  });
});
