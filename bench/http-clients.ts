/**
 * `npm run bench:clients`: which HTTP client should carry upstream calls? Sends the same chat request to the mock
 * upstream (its own process, loopback) with each candidate, sequentially and with 32 in flight, and reports requests/s
 * and client CPU per request. The result chose undici's `request` on a keep-alive `Agent` (see BENCHMARKS.md).
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import axios from 'axios';
import { Agent, request as undiciRequest } from 'undici';
import { startMock } from './support/mocks';
import { killRunningServices } from './support/service-process';

const BODY = JSON.stringify({ model: 'gpt-bench', messages: [{ role: 'user', content: 'Hello there, how are you?' }] });
const HEADERS = { 'content-type': 'application/json' };
const REQUESTS = Number(process.env.BENCH_CLIENT_REQUESTS ?? 20_000);

type Send = (url: string) => Promise<string>;

function candidates(): Array<[string, Send]> {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: null });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const axiosClient = axios.create({ httpAgent, maxRedirects: 0, proxy: false, responseType: 'text' });
  return [
    [
      'undici request (Agent)',
      async (url) =>
        (await undiciRequest(url, { method: 'POST', headers: HEADERS, body: BODY, dispatcher: agent })).body.text(),
    ],
    [
      'fetch (undici inside Node)',
      async (url) => (await fetch(url, { method: 'POST', headers: HEADERS, body: BODY })).text(),
    ],
    [
      'node:http (keep-alive Agent)',
      (url) =>
        new Promise((resolve, reject) => {
          const req = httpRequest(url, { method: 'POST', headers: HEADERS, agent: httpAgent }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(BODY);
        }),
    ],
    [
      'axios (keep-alive Agent)',
      async (url) => String((await axiosClient.post<string>(url, BODY, { headers: HEADERS })).data),
    ],
  ];
}

async function measure(send: Send, url: string, concurrency: number): Promise<{ perSecond: number; cpuUs: number }> {
  for (let i = 0; i < 500; i += 1) {
    await send(url);
  }
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        next += 1;
        await send(url);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { perSecond: REQUESTS / seconds, cpuUs: (cpu.user + cpu.system) / REQUESTS };
}

async function main(): Promise<void> {
  const upstream = await startMock('upstream.server.ts');
  const url = `${upstream.url}/v1/chat/completions`;
  const rows: string[] = [
    '| client | req/s, 1 in flight | req/s, 32 in flight | client CPU µs/request (32 in flight) |',
    '| --- | --- | --- | --- |',
  ];
  try {
    for (const [name, send] of candidates()) {
      const sequential = await measure(send, url, 1);
      const concurrent = await measure(send, url, 32);
      rows.push(
        `| ${name} | ${Math.round(sequential.perSecond)} | ${Math.round(concurrent.perSecond)} | ${Math.round(concurrent.cpuUs)} |`,
      );
    }
  } finally {
    await upstream.stop();
    killRunningServices();
  }
  process.stdout.write(`${rows.join('\n')}\n\n${REQUESTS} requests per cell, Node ${process.version}.\n`);
}

void main();
