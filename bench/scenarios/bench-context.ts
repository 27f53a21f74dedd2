import type { BenchOptions } from '../support/options';
import type { PinPlan } from '../support/cpu-pinning';
import type { Service } from '../support/service-process';
import { MASTER_KEY, startGateway, type Gateway, type GuardrailEntry } from '../support/gateway';

/** What every scenario gets: options, CPU plan, a temp directory and the two mock servers (already running). */
export interface BenchContext {
  options: BenchOptions;
  pin: PinPlan;
  tempDir: string;
  upstream: Service;
  lakera: Service;
  log(line: string): void;
}

export const GATEWAY_HEADERS = { authorization: `Bearer ${MASTER_KEY}` };

export function directChatUrl(context: BenchContext): string {
  return `${context.upstream.url}/v1/chat/completions`;
}

/** Starts a gateway with these guardrails on the mock upstream, runs `body`, and always stops the gateway. */
export async function withGateway<T>(
  context: BenchContext,
  name: string,
  guardrails: GuardrailEntry[],
  body: (gateway: Gateway) => Promise<T>,
  cpuProfileDir?: string,
): Promise<T> {
  const gateway = await startGateway({
    name,
    upstreamUrl: context.upstream.url,
    guardrails,
    tempDir: context.tempDir,
    pin: context.pin,
    cli: context.options.gatewayCli,
    nodeFlags: context.options.gatewayNodeFlags,
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  });
  context.log(`  gateway "${name}" up (pid ${gateway.pid}, ${gateway.url})`);
  try {
    return await body(gateway);
  } finally {
    await gateway.stop();
  }
}
