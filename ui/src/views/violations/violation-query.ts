import type { ViolationFilters } from '../../api/types';
import { ENDPOINTS, VIOLATION_ACTIONS, type EndpointName, type ViolationAction } from '../../api/vocabulary';

/** The violations page keeps its filters in the URL fragment, so a filtered view can be reloaded and shared. */
export function filtersFromQuery(query: URLSearchParams): ViolationFilters {
  const text = (name: string): string | undefined => query.get(name)?.trim() || undefined;
  const action = text('action');
  const endpoint = text('endpoint');
  return {
    guardrail: text('guardrail'),
    action: (VIOLATION_ACTIONS as readonly string[]).includes(action ?? '') ? (action as ViolationAction) : undefined,
    model: text('model'),
    endpoint: (ENDPOINTS as readonly string[]).includes(endpoint ?? '') ? (endpoint as EndpointName) : undefined,
    key_alias: text('key_alias'),
    team: text('team'),
    from: validTime(text('from')),
    to: validTime(text('to')),
  };
}

export function queryFromFilters(filters: ViolationFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') {
      query.set(name, value);
    }
  }
  return query;
}

function validTime(value: string | undefined): string | undefined {
  return value !== undefined && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}

/** `<input type="datetime-local">` holds local time without a zone: these convert to and from ISO 8601 (UTC). */
export function localInputValue(iso: string | undefined): string {
  if (iso === undefined) {
    return '';
  }
  const date = new Date(iso);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

export function isoFromLocalInput(value: string): string | undefined {
  return value === '' || Number.isNaN(Date.parse(value)) ? undefined : new Date(value).toISOString();
}
