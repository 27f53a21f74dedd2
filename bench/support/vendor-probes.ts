/** Screenings the mock Lakera has received so far (`GET /bench/calls` on bench/mocks/lakera.server.ts). */
export async function lakeraCalls(lakeraUrl: string): Promise<number> {
  const response = await fetch(`${lakeraUrl}/bench/calls`, { signal: AbortSignal.timeout(2000) });
  const body = (await response.json()) as { calls?: unknown };
  if (typeof body.calls !== 'number') {
    throw new Error(`mock Lakera /bench/calls answered ${JSON.stringify(body)}`);
  }
  return body.calls;
}

export interface CacheLookups {
  hit: number;
  miss: number;
}

/**
 * `warden_guardrail_cache_lookups_total` of one guardrail from the gateway's `/metrics`, or undefined when this build
 * does not expose it.
 */
export async function cacheLookups(gatewayUrl: string, guardrail: string): Promise<CacheLookups | undefined> {
  try {
    const response = await fetch(`${gatewayUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) {
      return undefined;
    }
    const lookups: CacheLookups = { hit: 0, miss: 0 };
    let seen = false;
    for (const line of (await response.text()).split('\n')) {
      if (!line.startsWith('warden_guardrail_cache_lookups_total{') || !line.includes(`guardrail="${guardrail}"`)) {
        continue;
      }
      const result = /result="(hit|miss)"/.exec(line)?.[1] as keyof CacheLookups | undefined;
      if (result) {
        lookups[result] += Number(line.slice(line.lastIndexOf(' ') + 1));
        seen = true;
      }
    }
    return seen ? lookups : undefined;
  } catch {
    return undefined;
  }
}

/** One POST, answered and read; throws unless it is a 2xx. */
export async function postOnce(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
}
