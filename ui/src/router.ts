/** The app's pages, addressed by the URL fragment (`#/violations?action=blocked`), so the server serves one page. */
export type Route =
  | { page: 'login' }
  | { page: 'guardrails' }
  | { page: 'guardrail-new' }
  | { page: 'guardrail-edit'; id: string }
  | { page: 'guardrail-test'; id: string }
  | { page: 'keys' }
  | { page: 'key-new' }
  | { page: 'key-edit'; id: string }
  | { page: 'violations'; query: URLSearchParams }
  | { page: 'violation'; id: string };

export const HOME = '#/guardrails';

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  const [section, id, action] = parts;
  if (section === 'login') {
    return { page: 'login' };
  }
  if (section === 'violations') {
    return id === undefined ? { page: 'violations', query: new URLSearchParams(search) } : { page: 'violation', id };
  }
  if (section === 'keys') {
    return id === 'new' ? { page: 'key-new' } : id !== undefined ? { page: 'key-edit', id } : { page: 'keys' };
  }
  if (section === 'guardrails' && id === 'new') {
    return { page: 'guardrail-new' };
  }
  if (section === 'guardrails' && id !== undefined && action === 'edit') {
    return { page: 'guardrail-edit', id };
  }
  if (section === 'guardrails' && id !== undefined && action === 'test') {
    return { page: 'guardrail-test', id };
  }
  return { page: 'guardrails' };
}

export const links = {
  guardrails: (): string => '#/guardrails',
  newGuardrail: (): string => '#/guardrails/new',
  editGuardrail: (id: string): string => `#/guardrails/${encodeURIComponent(id)}/edit`,
  testGuardrail: (id: string): string => `#/guardrails/${encodeURIComponent(id)}/test`,
  keys: (): string => '#/keys',
  newKey: (): string => '#/keys/new',
  editKey: (id: string): string => `#/keys/${encodeURIComponent(id)}`,
  keyViolations: (alias: string): string => `#/violations?${new URLSearchParams({ key_alias: alias }).toString()}`,
  violations: (query?: URLSearchParams): string =>
    query && query.size > 0 ? `#/violations?${query.toString()}` : '#/violations',
  violation: (id: string): string => `#/violations/${encodeURIComponent(id)}`,
};
