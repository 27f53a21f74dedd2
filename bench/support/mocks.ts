import { resolve } from 'node:path';
import { onGatewayCpu, type PinPlan } from './cpu-pinning';
import { startService, type Service } from './service-process';

const MOCKS = resolve(__dirname, '..', 'mocks');

/** Starts one of bench/mocks/*.server.ts in its own process (through tsx), on loopback and a free port. */
export function startMock(file: 'upstream.server.ts' | 'lakera.server.ts', latencyMs = 0): Promise<Service> {
  return startService({
    name: file.replace('.server.ts', ''),
    command: process.execPath,
    args: ['--import', 'tsx', resolve(MOCKS, file), '--port', '0', '--latency-ms', String(latencyMs)],
    ready: /listening (http:\/\/127\.0\.0\.1:\d+)/,
  });
}

/** The bare Fastify + undici proxy (bench/reference), on the gateway's CPU like the gateway. */
export function startBareProxy(upstreamUrl: string, pin: PinPlan): Promise<Service> {
  const { command, args } = onGatewayCpu(pin, [
    '--import',
    'tsx',
    resolve(__dirname, '..', 'reference', 'bare-proxy.server.ts'),
    '--upstream',
    upstreamUrl,
    '--port',
    '0',
  ]);
  return startService({ name: 'bare-proxy', command, args, ready: /listening (http:\/\/127\.0\.0\.1:\d+)/ });
}
