import type { ApiClient } from './http';
import type { Violation, ViolationFilters, ViolationPage, ViolationStats } from './types';

const BASE = '/admin/violations';

/** The violation log routes of the admin API. */
export class ViolationsApi {
  constructor(private readonly http: ApiClient) {}

  list(filters: ViolationFilters, page: { limit: number; cursor?: string }): Promise<ViolationPage> {
    return this.http.get<ViolationPage>(BASE, { ...filters, limit: page.limit, cursor: page.cursor });
  }

  get(id: string): Promise<Violation> {
    return this.http.get<Violation>(`${BASE}/${encodeURIComponent(id)}`);
  }

  /** Counts for the chart: the same filters as the log (guardrail, action, model, endpoint, key, team, time range). */
  stats(filters: ViolationFilters): Promise<ViolationStats> {
    const { guardrail, action, model, endpoint, key_alias, team, from, to } = filters;
    return this.http.get<ViolationStats>(`${BASE}/stats`, {
      guardrail,
      action,
      model,
      endpoint,
      key_alias,
      team,
      from,
      to,
    });
  }
}
