/**
 * The floor under Warden's numbers: the same HTTP stack (Fastify 5 + one undici Agent) proxying chat completions
 * with nothing else (no Nest, no validation, no guardrails, no auth). Not Warden; a reference for the table.
 *
 *   node --import tsx bench/reference/bare-proxy.server.ts --upstream http://127.0.0.1:<port> --port 0
 */
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { Agent, request } from 'undici';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } },
  strict: true,
});
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 512, pipelining: 1 });
const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });

app.post('/v1/chat/completions', async (req, reply) => {
  const upstream = await request(`${values.upstream}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req.body),
    dispatcher: agent,
  });
  const text = await upstream.body.text();
  return reply.status(upstream.statusCode).header('content-type', 'application/json').send(text);
});

app.listen({ port: Number(values.port), host: '127.0.0.1' }).then(
  (address) => process.stdout.write(`bare-proxy listening ${address}\n`),
  (error: unknown) => {
    process.stderr.write(`bare-proxy: ${String(error)}\n`);
    process.exit(1);
  },
);
const close = (): void => void app.close().then(() => process.exit(0));
process.on('SIGTERM', close);
process.on('SIGINT', close);
