/**
 * CPU cost of authenticating a request with a virtual key vs the master key: ApiKeyGuard.canActivate on a fake
 * request, then the model check and the guardrail selection the pipeline adds for a key, with 1,000 keys in the
 * registry. Run: npx tsx test/perf/key-auth-cost.ts (not part of the jest suites).
 */
import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { ApiKeyGuard } from '../src/auth/api-key.guard';
import type { WardenConfig } from '../src/config/config.schema';
import { selectGuardrails } from '../src/guardrails/guardrail.selector';
import { GuardrailSet } from '../src/guardrails/guardrail.set';
import { assertModelAllowed } from '../src/keys/key-access';
import { hashSecret, newSecret } from '../src/keys/key-secret';
import { KeyRegistry } from '../src/keys/key.registry';
import type { LiveKey } from '../src/keys/live-key';
import { fakeGuardrail } from '../test/unit/guardrails/fake-guardrail';

const MASTER = 'sk-master-benchmark-0123456789';
const pass = () => Promise.resolve({ outcome: 'pass' as const });
const set = new GuardrailSet([
  { guardrail: fakeGuardrail('global', pass, { defaultOn: true }), enabled: true },
  { guardrail: fakeGuardrail('key-pii', pass), enabled: true },
  { guardrail: fakeGuardrail('other', pass), enabled: true },
]);

const registry = new KeyRegistry();
const secrets = Array.from({ length: 1000 }, () => newSecret());
registry.replace(
  secrets.map((secret, index) => {
    const key: LiveKey = {
      id: String(index),
      alias: `key-${index}`,
      team: 'bench',
      models: new Set(['mock']),
      guardrails: ['key-pii'],
      allowRequestGuardrails: true,
      enabled: true,
      expiresAt: null,
    };
    return [hashSecret(secret), key] as const;
  }),
);
const guard = new ApiKeyGuard({ general: { masterKey: MASTER } } as unknown as WardenConfig, registry);

function context(key: string): { context: ExecutionContext; request: Record<string, unknown> } {
  const request: Record<string, unknown> = { headers: { authorization: `Bearer ${key}` } };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  return { context, request };
}

/** Guard + the pipeline's per-key work, as a request pays it: µs of CPU per request (median of 7 rounds). */
function measure(key: string): number {
  const rounds: number[] = [];
  const n = 200_000;
  for (let round = 0; round < 7; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i += 1) {
      const { context: ctx, request } = context(key);
      guard.canActivate(ctx);
      const caller = request.callerKey as LiveKey | undefined;
      assertModelAllowed(caller, 'mock');
      selectGuardrails(set, new Map(), caller);
    }
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / n);
  }
  return rounds.sort((a, b) => a - b)[3];
}

const master = measure(MASTER);
const virtual = measure(secrets[500]);
console.log(`master key:  ${master.toFixed(2)} µs CPU per request (guard + model check + selection)`);
console.log(`virtual key: ${virtual.toFixed(2)} µs CPU per request (1,000 keys in memory)`);
console.log(`difference:  ${(virtual - master).toFixed(2)} µs (issue 15 budget: ≤ 15 µs)`);
