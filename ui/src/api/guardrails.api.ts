import type { ApiClient } from './http';
import type { Guardrail, GuardrailEntry, TestRequest, TestResult } from './types';

const BASE = '/admin/guardrails';

/** The guardrail routes of the admin API. */
export class GuardrailsApi {
  constructor(private readonly http: ApiClient) {}

  list(): Promise<Guardrail[]> {
    return this.http.get<Guardrail[]>(BASE);
  }

  get(id: string): Promise<Guardrail> {
    return this.http.get<Guardrail>(`${BASE}/${encodeURIComponent(id)}`);
  }

  create(entry: GuardrailEntry): Promise<Guardrail> {
    return this.http.post<Guardrail>(BASE, entry);
  }

  update(id: string, entry: GuardrailEntry): Promise<Guardrail> {
    return this.http.patch<Guardrail>(`${BASE}/${encodeURIComponent(id)}`, entry);
  }

  remove(id: string): Promise<Guardrail> {
    return this.http.delete<Guardrail>(`${BASE}/${encodeURIComponent(id)}`);
  }

  setEnabled(id: string, enabled: boolean): Promise<Guardrail> {
    return this.http.post<Guardrail>(`${BASE}/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`);
  }

  test(id: string, request: TestRequest): Promise<TestResult> {
    return this.http.post<TestResult>(`${BASE}/${encodeURIComponent(id)}/test`, request);
  }
}
