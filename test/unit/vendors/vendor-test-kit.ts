import type {
  GuardContext,
  GuardrailDefinition,
  GuardrailKind,
  GuardrailMode,
  Verdict,
} from '../../../src/guardrails/guardrail.types';
import { PooledVendorHttpClient } from '../../../src/guardrails/vendors/vendor-http.client';
import { MockServer, type RecordedRequest } from '../../mocks/mock-server';

/** Vendor spec scaffolding: definitions, contexts, the real pooled HTTP client and the mock's lifecycle. */

export function definitionOf(
  kind: GuardrailKind,
  params: Record<string, unknown>,
  modes: readonly GuardrailMode[] = ['pre_call'],
): GuardrailDefinition {
  return {
    name: `${kind}-test`,
    kind,
    modes,
    onFlagged: 'block',
    onError: 'block',
    defaultOn: false,
    timeoutMs: 5000,
    params,
  };
}

export function contextOf(mode: GuardrailMode, overrides: Partial<GuardContext> = {}): GuardContext {
  return { mode, signal: new AbortController().signal, requestId: 'req-test', ...overrides };
}

export function realVendorHttp(): PooledVendorHttpClient {
  return new PooledVendorHttpClient();
}

/**
 * Starts the vendor mock before the spec's tests, restores its default switches after each test, and at the end closes
 * the HTTP client and the mock. `started` hands the running mock to the spec.
 */
export function serveVendorMock<Mock extends MockServer>(
  http: PooledVendorHttpClient,
  start: () => Promise<Mock>,
  started: (mock: Mock) => void,
): void {
  let mock: Mock;
  beforeAll(async () => {
    mock = await start();
    started(mock);
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    await http.close();
    await mock.close();
  });
}

export function onlyRequest(mock: MockServer): RecordedRequest {
  expect(mock.requests).toHaveLength(1);
  return mock.requests[0];
}

export function expectError(verdict: Verdict): Extract<Verdict, { outcome: 'error' }> {
  expect(verdict.outcome).toBe('error');
  return verdict as Extract<Verdict, { outcome: 'error' }>;
}

export function expectFlagged(verdict: Verdict): Extract<Verdict, { outcome: 'flagged' }> {
  expect(verdict.outcome).toBe('flagged');
  return verdict as Extract<Verdict, { outcome: 'flagged' }>;
}

/** A URL where nothing listens: the port of a server that was started and closed again. */
export async function refusingUrl(): Promise<string> {
  const server = await new MockServer(() => undefined).start();
  await server.close();
  return server.url;
}
