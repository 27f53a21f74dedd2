import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import type {
  GuardContext,
  GuardrailDefinition,
  GuardrailKind,
  GuardrailMode,
  Verdict,
} from '../../../src/guardrails/guardrail.types';
import { AxiosVendorHttpClient } from '../../../src/guardrails/vendors/vendor-http.client';
import { MockServer, type RecordedRequest } from '../../mocks/mock-server';

/** Shared scaffolding for the vendor specs: definitions, contexts and the real pooled HTTP client. */

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

export function realVendorHttp(): AxiosVendorHttpClient {
  return new AxiosVendorHttpClient(new HttpService(axios.create()));
}

/** Resolves when the mock sees a client go away before it answered. */
export function nextAbort(mock: MockServer): Promise<RecordedRequest> {
  return new Promise((resolve) => mock.once('aborted', resolve));
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
