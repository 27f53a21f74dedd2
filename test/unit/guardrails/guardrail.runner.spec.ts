import { VerdictCache } from '../../../src/guardrails/verdict-cache/verdict-cache';
import { MetricsService } from '../../../src/metrics/metrics.service';
import { GuardrailRunner } from '../../../src/guardrails/guardrail.runner';
import type { GuardContext } from '../../../src/guardrails/guardrail.types';
import { fakeGuardrail } from './fake-guardrail';

const input = { messages: [{ role: 'user', content: 'hi' }] };

describe(GuardrailRunner.name, () => {
  const runner = new GuardrailRunner(
    new MetricsService(),
    { detailedDebug: false, silent: true },
    new VerdictCache({ maxEntries: 100, maxBytes: 1_000_000 }),
  );
  const options = () => ({ mode: 'pre_call' as const, requestId: 'r1', signal: new AbortController().signal });

  it('returns the vendor verdict with its latency', async () => {
    const run = await runner.run(
      fakeGuardrail('g', () => Promise.resolve({ outcome: 'pass' })),
      input,
      options(),
    );
    expect(run.verdict).toEqual({ outcome: 'pass' });
    expect(run.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('turns a vendor that throws into an error verdict', async () => {
    const run = await runner.run(
      fakeGuardrail('g', () => Promise.reject(new Error('boom'))),
      input,
      options(),
    );
    expect(run.verdict).toMatchObject({ outcome: 'error', message: 'boom' });
  });

  it("masks the guardrail's own secrets in a vendor error message that quotes them", async () => {
    const key = 'sk-lakera-live-SECRET-9876543210';
    const refused = fakeGuardrail(
      'lakera',
      () =>
        Promise.resolve({
          outcome: 'error',
          message: `HTTP 401: Invalid API key provided: Bearer ${key}`,
          status: 401,
        }),
      { params: { api_key: key, extra_headers: { 'X-Short': 'abc' } } },
    );
    const run = await runner.run(refused, input, options());
    expect(run.verdict).toEqual({
      outcome: 'error',
      message: 'HTTP 401: Invalid API key provided: Bearer sk-...3210',
      status: 401,
    });
  });

  it('masks a long secret that a shortened vendor message quotes only in part', async () => {
    const key = `eyJhbGciOiJSUzI1NiJ9.${'A1b2C3d4E5'.repeat(20)}.sig`;
    const message = `HTTP 401: Invalid API key provided: ${key}`.slice(0, 120) + '…';
    const refused = fakeGuardrail('lakera', () => Promise.resolve({ outcome: 'error', message, status: 401 }), {
      params: { api_key: key },
    });
    const run = await runner.run(refused, input, options());
    expect(run.verdict).toEqual({
      outcome: 'error',
      message: 'HTTP 401: Invalid API key provided: eyJ....sig…',
      status: 401,
    });
  });

  it('fails a vendor that does not answer within timeout_ms and aborts its call', async () => {
    let seen: GuardContext | undefined;
    const hanging = fakeGuardrail('slow', () => new Promise(() => undefined), { timeoutMs: 20 });
    const spy = {
      ...hanging,
      check: (_: unknown, context: GuardContext) => ((seen = context), hanging.check(input, context)),
    };
    const run = await runner.run(spy, input, options());
    expect(run.verdict).toMatchObject({ outcome: 'error', code: 'timeout' });
    expect(seen?.signal.aborted).toBe(true);
  });

  it('aborts the vendor call when the request goes away', async () => {
    const client = new AbortController();
    let seen: GuardContext | undefined;
    const guardrail = fakeGuardrail('g', () => Promise.resolve({ outcome: 'pass' }));
    const pending = runner.run(
      {
        ...guardrail,
        // Like a real vendor call, it settles when its signal aborts.
        check: (_: unknown, context: GuardContext) => {
          seen = context;
          return new Promise((resolve) =>
            context.signal.addEventListener('abort', () => resolve({ outcome: 'error', message: 'aborted' })),
          );
        },
      },
      input,
      { mode: 'pre_call', requestId: 'r', signal: client.signal },
    );
    client.abort();
    expect(seen?.signal.aborted).toBe(true);
    expect((await pending).verdict).toMatchObject({ outcome: 'error', message: 'aborted' });
  });
});
