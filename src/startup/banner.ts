import type { GuardrailMode } from '../guardrails/guardrail.types';

/** What the start-up banner reports: where Warden listens and what it loaded. */
export interface BannerFacts {
  /** The address bound, as given (`0.0.0.0`, `::`, `127.0.0.1`, ...). */
  host: string;
  port: number;
  configFile: string;
  models: ReadonlyArray<{ name: string; provider: string }>;
  guardrails: ReadonlyArray<{ name: string; kind: string; modes: readonly GuardrailMode[]; enabled: boolean }>;
}

/** `0.0.0.0` and `::` listen everywhere: a browser on this machine reaches them as localhost. */
export function browsableOrigin(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::' || host === '') {
    return `http://localhost:${port}`;
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The short banner printed once the gateway listens (the framework's own start-up lines are kept for `--debug`):
 * the address, the config file, the models and guardrails loaded, and the URLs to open.
 */
export function renderBanner(facts: BannerFacts): string {
  const listen = `http://${facts.host.includes(':') ? `[${facts.host}]` : facts.host}:${facts.port}`;
  const origin = browsableOrigin(facts.host, facts.port);
  const models = groupModels(facts.models);
  const guardrails = facts.guardrails.map(
    (g) => `${g.name} (${g.kind}, ${g.modes.join('+')}${g.enabled ? '' : ', disabled'})`,
  );
  const rows: Array<[string, string]> = [
    ['config', facts.configFile],
    [`models (${models.length})`, models.join(', ') || 'none'],
    [`guardrails (${guardrails.length})`, guardrails.join(', ') || 'none'],
    ['admin UI', `${origin}/ui`],
    ['API docs', `${origin}/docs`],
    ['metrics', `${origin}/metrics`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`Warden listening on ${listen}`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join(
    '\n',
  );
}

/** One entry per public model name, with its providers: `gpt-4o (openai, azure)`. */
function groupModels(models: BannerFacts['models']): string[] {
  const byName = new Map<string, Set<string>>();
  for (const { name, provider } of models) {
    byName.set(name, (byName.get(name) ?? new Set()).add(provider));
  }
  return [...byName].map(([name, providers]) => `${name} (${[...providers].join(', ')})`);
}
