import { startLakeraMock, type LakeraMock } from '../mocks/lakera.mock';
import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';
import { violationsFor } from './guardrails.harness';

const MASTER_KEY = 'sk-warden-cache-test';
const LAKERA_KEY = 'sk-lakera-live-cache0001';
const FLAGGED_PROMPT = 'BLOCKME please, for the cache';
const PROPAGATION_MS = 5000;

/** The verdict cache end to end: no vendor call on a hit, `cached: true` rows, entries dropped by every change. */
describe.each(DATABASES)('Verdict cache on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let first: RunningGateway;
  let second: RunningGateway | undefined;
  let lakera: LakeraMock;
  let requestNumber = 0;

  const config = () => ({
    model_list: [{ model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi!' } }],
    general_settings: { master_key: MASTER_KEY, database_url: database.url },
  });

  async function admin(gateway: RunningGateway, method: string, path: string, body?: unknown): Promise<number> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${MASTER_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await response.text();
    return response.status;
  }

  /** One chat request with its own id; the vendor calls it caused. */
  async function chat(
    gateway: RunningGateway,
    prompt = FLAGGED_PROMPT,
    status = 200,
  ): Promise<{ id: string; calls: number }> {
    requestNumber += 1;
    const id = `cache-${db.kind}-${requestNumber}`;
    const before = lakera.requests.length;
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: prompt }] }),
    });
    expect(response.status).toBe(status);
    const requestId = response.headers.get('x-request-id') ?? id;
    await response.text();
    return { id: requestId, calls: lakera.requests.length - before };
  }

  /** Sends until the gateway calls the vendor again (its cache entry was dropped), within the propagation time. */
  async function eventuallyCallsVendor(gateway: RunningGateway): Promise<void> {
    const deadline = Date.now() + PROPAGATION_MS;
    while ((await chat(gateway)).calls === 0) {
      if (Date.now() > deadline) {
        throw new Error('the cached verdict was still served');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    lakera = await startLakeraMock({ apiKey: LAKERA_KEY });
    database = await db.create();
    first = await startGateway(config());
    if (db.kind === 'postgres') {
      second = await startGateway(config());
    }
    const status = await admin(first, 'POST', '/admin/guardrails', {
      guardrail_name: 'cached-lakera',
      litellm_params: {
        guardrail: 'lakera_v2',
        mode: 'pre_call',
        on_flagged: 'monitor',
        default_on: true,
        api_key: LAKERA_KEY,
        api_base: lakera.url,
        cache_ttl_seconds: 300,
      },
    });
    expect(status).toBe(201);
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await lakera?.close();
    await database?.drop();
  });

  it('answers a repeated check from the cache without a vendor call, and says so in the violation log', async () => {
    const miss = await chat(first);
    const hit = await chat(first);

    expect(miss.calls).toBe(1);
    expect(hit.calls).toBe(0);
    const [missRow] = await violationsFor(first.app, miss.id);
    const [hitRow] = await violationsFor(first.app, hit.id);
    expect(missRow).toMatchObject({ action: 'monitored', cached: false });
    expect(hitRow).toMatchObject({ action: 'monitored', cached: true });
    const metrics = await (
      await fetch(`${first.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })
    ).text();
    expect(metrics).toMatch(/warden_guardrail_cache_lookups_total\{guardrail="cached-lakera",result="hit"\} [1-9]/);
  });

  it('never caches a vendor error', async () => {
    lakera.set({ status: 500 });
    try {
      // on_error: block fails closed: 503
      expect((await chat(first, 'a prompt Lakera failed on', 503)).calls).toBe(1);
    } finally {
      lakera.reset();
    }
    expect((await chat(first, 'a prompt Lakera failed on')).calls).toBe(1);
    expect((await chat(first, 'a prompt Lakera failed on')).calls).toBe(0);
  });

  it('drops the entries when the guardrail is edited, toggled or deleted', async () => {
    await chat(first);
    expect((await chat(first)).calls).toBe(0);

    expect(
      await admin(first, 'PATCH', '/admin/guardrails/cached-lakera', { litellm_params: { timeout_ms: 4000 } }),
    ).toBe(200);
    expect((await chat(first)).calls).toBe(1);
    expect((await chat(first)).calls).toBe(0);

    expect(await admin(first, 'POST', '/admin/guardrails/cached-lakera/disable')).toBe(200);
    expect(await admin(first, 'POST', '/admin/guardrails/cached-lakera/enable')).toBe(200);
    expect((await chat(first)).calls).toBe(1);
    expect((await chat(first)).calls).toBe(0);
  });

  it('drops the entries on the other instance too when one instance edits the guardrail', async () => {
    if (second === undefined) {
      return; // SQLite serves one instance
    }
    const other = second;
    await eventuallyCallsVendor(other);
    expect((await chat(other)).calls).toBe(0);
    expect((await chat(first)).calls).toBe(0);

    expect(
      await admin(first, 'PATCH', '/admin/guardrails/cached-lakera', { litellm_params: { timeout_ms: 3000 } }),
    ).toBe(200);
    expect((await chat(first)).calls).toBe(1);
    await eventuallyCallsVendor(other);
    expect((await chat(other)).calls).toBe(0);
  });
});
