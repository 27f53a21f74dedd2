import type {
  GuardContext,
  GuardrailDefinition,
  GuardrailKind,
  GuardrailMode,
  Verdict,
} from '../../../src/guardrails/guardrail.types';
import { PooledVendorHttpClient } from '../../../src/guardrails/vendors/vendor-http.client';
import { MockServer, type RecordedRequest } from '../../mocks/mock-server';
import type { SwitchedMockServer, VendorFaultSwitches } from '../../mocks/vendor-faults';

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

/**
 * Makes the mock hang, runs `check` with a signal that aborts (for `reason`, if given) once the request has arrived,
 * and resolves with the verdict once the mock has also seen the client go away.
 */
export async function abortMidCall(
  mock: SwitchedMockServer<VendorFaultSwitches>,
  check: (signal: AbortSignal) => Promise<Verdict>,
  reason?: Error,
): Promise<Verdict> {
  mock.set({ hang: true });
  const controller = new AbortController();
  const arrived = mock.nextRequest();
  const aborted = new Promise<RecordedRequest>((resolve) => mock.once('aborted', resolve));
  const pending = check(controller.signal);
  await arrived;
  controller.abort(reason);
  const verdict = await pending;
  await aborted;
  return verdict;
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
