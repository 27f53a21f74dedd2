import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OriginPools } from '../../../src/http/origin-pools';
import { PooledVendorHttpClient } from '../../../src/guardrails/vendors/vendor-http.client';

/** A server that holds each request until told to answer, and counts the sockets it saw. */
async function holdingServer(): Promise<{
  url: string;
  server: Server;
  sockets: () => number;
  /** Requests the server has received and holds. */
  held: () => number;
  release: () => void;
}> {
  const held: Array<() => void> = [];
  let sockets = 0;
  const server = createServer((request, response) => {
    request.resume();
    held.push(() => response.end('{"flagged":false}'));
  });
  server.on('connection', () => (sockets += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sockets: () => sockets,
    held: () => held.length,
    release: () => held.splice(0).forEach((answer) => answer()),
  };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe(OriginPools.name, () => {
  it('shares one pool per origin, whatever the path', async () => {
    const pools = new OriginPools({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 1000 });
    expect(pools.poolFor('http://vendor.test:8080')).toBe(pools.poolFor('http://vendor.test:8080'));
    expect(pools.poolFor('http://vendor.test:8080')).not.toBe(pools.poolFor('http://other.test:8080'));
    await pools.close();
  });

  it('opens at most connectionsPerOrigin connections and queues the rest', async () => {
    const target = await holdingServer();
    const client = new PooledVendorHttpClient({ connectionsPerOrigin: 2, keepAliveTimeoutMs: 1000 });
    const signal = new AbortController().signal;
    // Two guardrails on the same origin, five calls in flight.
    const calls = [1, 2, 3, 4, 5].map((n) =>
      client.postJson(`${target.url}/v2/guard${n % 2 === 0 ? '?a' : ''}`, '{}', { signal }),
    );
    await until(() => client.stats()[0]?.running === 2);
    expect(client.stats()).toEqual([
      expect.objectContaining({ origin: target.url, connected: 2, running: 2, pending: 3 }),
    ]);
    while (client.stats()[0].running + client.stats()[0].pending > 0) {
      target.release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answers = await Promise.all(calls);
    expect(answers.map((answer) => answer.json)).toEqual(Array(5).fill({ flagged: false }));
    expect(target.sockets()).toBe(2);
    await client.close();
    await stop(target.server);
  });

  it('keeps connections alive between calls', async () => {
    const target = await holdingServer();
    const client = new PooledVendorHttpClient({ connectionsPerOrigin: 8, keepAliveTimeoutMs: 5000 });
    const signal = new AbortController().signal;
    for (let i = 0; i < 10; i += 1) {
      const call = client.postJson(`${target.url}/v2/guard`, '{}', { signal });
      // Released once the server holds it: a release sent before the request arrived would answer nothing.
      await until(() => target.held() === 1);
      target.release();
      await call;
    }
    // undici may open a second connection while the first is being returned to the pool; never one per call.
    expect(target.sockets()).toBeLessThanOrEqual(2);
    await client.close();
    await stop(target.server);
  });

  it('rejects with the abort reason when the signal fires mid-call', async () => {
    const target = await holdingServer();
    const client = new PooledVendorHttpClient();
    const controller = new AbortController();
    const call = client.postJson(`${target.url}/v2/guard`, '{}', { signal: controller.signal });
    await until(() => client.stats()[0]?.running === 1);
    controller.abort(new Error('guardrail g timed out after 5 ms'));
    await expect(call).rejects.toThrow('timed out');
    await client.close();
    await stop(target.server);
  });
});
