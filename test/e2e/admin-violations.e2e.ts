import { ViolationQueue } from '../../src/violations/violation.queue';
import { DATABASES } from '../support/test-databases';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-admin-test';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Violation {
  id: string;
  occurred_at: string;
  request_id: string;
  guardrail_name: string;
  provider: string;
  mode: string;
  action: string;
  model: string;
  endpoint: string;
  caller_key_alias: string;
  findings: Array<Record<string, unknown>>;
  vendor_response: unknown;
  excerpt: string | null;
  latency_ms: number;
}

interface Page {
  data: Violation[];
  total: number;
  limit: number;
  offset: number;
  next_cursor: string | null;
}

interface Stats {
  from: string;
  to: string;
  total: number;
  by_guardrail: Array<{ guardrail_name: string; count: number }>;
  by_action: Record<string, number>;
  by_endpoint: Record<string, number>;
  by_day: Array<{ day: string; count: number }>;
  by_day_by_guardrail: Array<{ day: string; guardrail_name: string; count: number }>;
}

interface Reply {
  status: number;
  json: Record<string, unknown>;
}

/** Returns a time strictly after everything recorded so far and strictly before anything recorded next. */
async function clockMark(): Promise<Date> {
  const waitPast = async (ms: number): Promise<void> => {
    while (Date.now() <= ms) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await waitPast(Date.now());
  const mark = new Date();
  await waitPast(mark.getTime());
  return mark;
}

describe.each(DATABASES)('Admin violation log on $kind', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let gateway: RunningGateway;
  let start: Date;
  let middle: Date;
  let end: Date;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const page = async (query: string): Promise<Page> => {
    const reply = await call('GET', `/admin/violations${query}`);
    expect(reply.status).toBe(200);
    return reply.json as unknown as Page;
  };

  async function chat(requestId: string, model: string, guardrail: string, content: string): Promise<number> {
    const reply = await call(
      'POST',
      '/v1/chat/completions',
      { model, messages: [{ role: 'user', content }], guardrails: [guardrail] },
      { 'x-request-id': requestId },
    );
    return reply.status;
  }

  async function walk(query: string): Promise<Violation[]> {
    const seen: Violation[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const next = await page(`${query}${suffix}`);
      seen.push(...next.data);
      cursor = next.next_cursor;
    } while (cursor !== null);
    return seen;
  }

  beforeAll(async () => {
    database = await db.create();
    gateway = await startGateway({
      model_list: [
        { model_name: 'mock-a', litellm_params: { model: 'mock/a', mock_response: 'A' } },
        { model_name: 'mock-b', litellm_params: { model: 'mock/b', mock_response: 'B' } },
      ],
      guardrails: [
        {
          guardrail_name: 'block-words',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['forbidden'] },
        },
        {
          guardrail_name: 'watch-words',
          litellm_params: {
            guardrail: 'banned_keywords',
            mode: 'pre_call',
            on_flagged: 'monitor',
            keywords: ['watched'],
          },
        },
        {
          guardrail_name: 'mask-email',
          litellm_params: { guardrail: 'pii', mode: 'pre_call', action: 'mask', entities: ['EMAIL_ADDRESS'] },
        },
        {
          guardrail_name: 'flaky-vendor',
          litellm_params: {
            guardrail: 'lakera_v2',
            mode: 'pre_call',
            api_key: 'sk-lakera-unused-0000',
            api_base: 'http://127.0.0.1:9',
            on_error: 'allow',
          },
        },
      ],
      general_settings: { master_key: MASTER_KEY, database_url: database.url },
    });

    start = await clockMark();
    expect(await chat('req-block-1', 'mock-a', 'block-words', 'this is forbidden')).toBe(400);
    expect(await chat('req-block-2', 'mock-a', 'block-words', 'forbidden again')).toBe(400);
    expect(await chat('req-block-3', 'mock-b', 'block-words', 'still forbidden')).toBe(400);
    middle = await clockMark();
    expect(await chat('req-watch-1', 'mock-b', 'watch-words', 'I am watched')).toBe(200);
    expect(await chat('req-watch-2', 'mock-a', 'watch-words', 'watched twice')).toBe(200);
    expect(await chat('req-mask-1', 'mock-a', 'mask-email', 'mail jane.doe@example.com please')).toBe(200);
    expect(await chat('req-error-1', 'mock-b', 'flaky-vendor', 'hello')).toBe(200);
    end = await clockMark();
    await gateway.app.get(ViolationQueue).flush();
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  describe('GET /admin/violations', () => {
    it('holds one row per blocked, monitored, masked and vendor-error request, in snake_case', async () => {
      const all = await page('');
      expect(all.total).toBe(7);
      expect(all).toMatchObject({ limit: 50, offset: 0, next_cursor: null });
      const blocked = all.data.find((v) => v.request_id === 'req-block-1')!;
      expect(Object.keys(blocked).sort()).toEqual(
        [
          'id',
          'occurred_at',
          'request_id',
          'guardrail_name',
          'provider',
          'mode',
          'action',
          'model',
          'endpoint',
          'caller_key_alias',
          'key_team',
          'findings',
          'vendor_response',
          'excerpt',
          'latency_ms',
          'cached',
        ].sort(),
      );
      expect(blocked).toMatchObject({
        cached: false,
        guardrail_name: 'block-words',
        provider: 'banned_keywords',
        mode: 'pre_call',
        action: 'blocked',
        model: 'mock-a',
        endpoint: 'chat',
        caller_key_alias: 'master_key',
      });
      expect(blocked.id).toMatch(UUID);
      expect(new Date(blocked.occurred_at).toISOString()).toBe(blocked.occurred_at);
      expect(blocked.findings.length).toBeGreaterThan(0);
      expect(typeof blocked.latency_ms).toBe('number');

      const byRequest = Object.fromEntries(all.data.map((v) => [v.request_id, v.action]));
      expect(byRequest).toEqual({
        'req-block-1': 'blocked',
        'req-block-2': 'blocked',
        'req-block-3': 'blocked',
        'req-watch-1': 'monitored',
        'req-watch-2': 'monitored',
        'req-mask-1': 'masked',
        'req-error-1': 'error',
      });
      const masked = all.data.find((v) => v.action === 'masked')!;
      expect(masked.excerpt ?? '').not.toContain('jane.doe@example.com');
      expect(all.data.find((v) => v.action === 'error')!.vendor_response).toHaveProperty('error');
    });

    it('lists newest first by default, and sorts by latency_ms or ascending on request', async () => {
      const newestFirst = (await page('')).data.map((v) => Date.parse(v.occurred_at));
      expect(newestFirst).toEqual([...newestFirst].sort((a, b) => b - a));
      const oldestFirst = (await page('?order=asc')).data.map((v) => Date.parse(v.occurred_at));
      expect(oldestFirst).toEqual([...oldestFirst].sort((a, b) => a - b));
      const byLatency = (await page('?sort=latency_ms&order=asc')).data.map((v) => v.latency_ms);
      expect(byLatency).toEqual([...byLatency].sort((a, b) => a - b));
    });

    it('filters by guardrail, action, model, request id and time range (from inclusive, to exclusive)', async () => {
      expect((await page('?guardrail=block-words')).total).toBe(3);
      expect((await page('?action=monitored')).total).toBe(2);
      expect((await page('?model=mock-b')).total).toBe(3);
      expect((await page('?model=mock-a&action=blocked')).total).toBe(2);
      const one = await page('?request_id=req-mask-1');
      expect(one.data.map((v) => v.guardrail_name)).toEqual(['mask-email']);
      expect((await page(`?from=${start.toISOString()}&to=${end.toISOString()}`)).total).toBe(7);
      const later = await page(`?from=${middle.toISOString()}`);
      expect(later.total).toBe(4);
      expect(later.data.every((v) => v.action !== 'blocked')).toBe(true);
      expect((await page(`?to=${middle.toISOString()}`)).total).toBe(3);
      expect((await page(`?from=${end.toISOString()}`)).total).toBe(0);
      expect((await page('?guardrail=nosuch')).data).toEqual([]);
    });

    it('pages with limit and offset, total counting every match', async () => {
      const everything = (await page('')).data.map((v) => v.id);
      const second = await page('?limit=2&offset=2');
      expect(second).toMatchObject({ total: 7, limit: 2, offset: 2 });
      expect(second.data.map((v) => v.id)).toEqual(everything.slice(2, 4));
      expect(second.next_cursor).toEqual(expect.any(String));
      expect((await page('?limit=2&offset=6')).data.map((v) => v.id)).toEqual(everything.slice(6));
      expect((await page('?limit=2&offset=6')).next_cursor).toBeNull();
    });

    it('pages with an opaque cursor until next_cursor is null, in the order of one big page', async () => {
      for (const query of ['', '?order=asc', '?sort=latency_ms', '?sort=latency_ms&order=asc']) {
        const separator = query === '' ? '?' : '&';
        const big = (await page(`${query}${separator}limit=500`)).data.map((v) => v.id);
        const walked = (await walk(`${query}${separator}limit=2`)).map((v) => v.id);
        expect({ query, walked }).toEqual({ query, walked: big });
      }
      const filtered = await walk('?action=blocked&limit=1');
      expect(filtered.map((v) => v.request_id).sort()).toEqual(['req-block-1', 'req-block-2', 'req-block-3']);
    });

    it('answers 400 for a bad enum, date, limit, sort or cursor', async () => {
      const firstPage = await page('?limit=2');
      const cases: Array<[string, string]> = [
        ['?action=deleted', 'action'],
        ['?endpoint=assistants', 'endpoint'],
        ['?limit=0', 'limit'],
        ['?limit=501', 'limit'],
        ['?limit=ten', 'limit'],
        ['?offset=-1', 'offset'],
        ['?from=yesterday', 'from'],
        ['?to=2026-13-45T00:00:00Z', 'to'],
        [`?from=${end.toISOString()}&to=${start.toISOString()}`, 'from'],
        ['?sort=guardrail_name', 'sort'],
        ['?order=sideways', 'order'],
        ['?cursor=not-a-cursor', 'cursor'],
        [`?sort=latency_ms&cursor=${encodeURIComponent(firstPage.next_cursor!)}`, 'cursor'],
        [`?offset=2&cursor=${encodeURIComponent(firstPage.next_cursor!)}`, 'cursor'],
        ['?colour=red', 'colour'],
        // ISO 8601 forms JavaScript cannot read: refused rather than silently misread
        ['?from=20261101T130000Z', 'from'],
        ['?from=2026-11-01T18:00:00%2B05', 'from'],
        ['?from=2026-W45-1', 'from'],
        ['?offset=100000000000000000000', 'offset'],
        [
          `?cursor=${Buffer.from(JSON.stringify(['occurred_at', 'desc', '-271821-04-20T00:00:00.000Z', 'x'])).toString('base64url')}`,
          'cursor',
        ],
      ];
      for (const [query, param] of cases) {
        const reply = await call('GET', `/admin/violations${query}`);
        const error = reply.json.error as { param: string; type: string };
        expect({ query, status: reply.status, param: error?.param }).toEqual({ query, status: 400, param });
      }
    });
  });

  describe('GET /admin/violations/:id', () => {
    it('reads one violation, and answers 404 for an unknown or malformed id', async () => {
      const [first] = (await page('?limit=1')).data;
      const reply = await call('GET', `/admin/violations/${first.id}`);
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual(first);
      expect((await call('GET', '/admin/violations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await call('GET', '/admin/violations/not-an-id')).status).toBe(404);
    });
  });

  describe('GET /admin/violations/stats', () => {
    it('counts by guardrail, by action and by UTC day in the range', async () => {
      const reply = await call('GET', `/admin/violations/stats?from=${start.toISOString()}&to=${end.toISOString()}`);
      expect(reply.status).toBe(200);
      const stats = reply.json as unknown as Stats;
      const rows = (await page('')).data;
      const days = [...new Set(rows.map((v) => v.occurred_at.slice(0, 10)))].sort();
      expect(stats).toEqual({
        from: start.toISOString(),
        to: end.toISOString(),
        total: 7,
        by_guardrail: [
          { guardrail_name: 'block-words', count: 3 },
          { guardrail_name: 'watch-words', count: 2 },
          { guardrail_name: 'flaky-vendor', count: 1 },
          { guardrail_name: 'mask-email', count: 1 },
        ],
        by_action: { blocked: 3, monitored: 2, masked: 1, error: 1 },
        by_endpoint: { chat: 7, responses: 0, messages: 0, completions: 0, embeddings: 0 },
        by_key: [{ key_alias: 'master_key', count: 7 }],
        by_team: [{ team: null, count: 7 }],
        by_day: days.map((day) => ({ day, count: rows.filter((v) => v.occurred_at.startsWith(day)).length })),
        by_day_by_guardrail: days.flatMap((day) =>
          [...new Set(rows.filter((v) => v.occurred_at.startsWith(day)).map((v) => v.guardrail_name))]
            .sort()
            .map((guardrail_name) => ({
              day,
              guardrail_name,
              count: rows.filter((v) => v.occurred_at.startsWith(day) && v.guardrail_name === guardrail_name).length,
            })),
        ),
      });

      const empty = (await call('GET', `/admin/violations/stats?from=${end.toISOString()}`)).json as unknown as Stats;
      expect(empty).toMatchObject({ total: 0, by_guardrail: [], by_day: [], by_action: { blocked: 0, error: 0 } });
      expect((await call('GET', '/admin/violations/stats?from=last-week')).status).toBe(400);
    });

    it('applies the log filters (guardrail, action, model), as the table does', async () => {
      const range = `from=${start.toISOString()}&to=${end.toISOString()}`;
      for (const filter of [
        'guardrail=block-words',
        'action=monitored',
        'model=mock-a',
        'guardrail=watch-words&action=blocked',
      ]) {
        const stats = (await call('GET', `/admin/violations/stats?${range}&${filter}`)).json as unknown as Stats;
        const listed = (await page(`?${range}&${filter}`)).data;
        expect([filter, stats.total]).toEqual([filter, listed.length]);
        expect(stats.by_guardrail.reduce((sum, g) => sum + g.count, 0)).toBe(listed.length);
        expect(stats.by_day_by_guardrail.reduce((sum, d) => sum + d.count, 0)).toBe(listed.length);
        for (const { guardrail_name } of stats.by_guardrail) {
          expect(listed.some((v) => v.guardrail_name === guardrail_name)).toBe(true);
        }
      }
      expect((await call('GET', `/admin/violations/stats?${range}&action=sometimes`)).status).toBe(400);
    });

    it('buckets by UTC day across days, defaulting to the last 30 days', async () => {
      const queue = gateway.app.get(ViolationQueue);
      const threeDaysAgo = new Date(Date.now() - 3 * DAY_MS);
      const longAgo = new Date(Date.now() - 90 * DAY_MS);
      for (const occurredAt of [threeDaysAgo, threeDaysAgo, longAgo]) {
        queue.record({
          occurredAt,
          requestId: 'req-old',
          guardrailName: 'block-words',
          provider: 'banned_keywords',
          mode: 'pre_call',
          action: 'blocked',
          model: 'mock-a',
          endpoint: 'chat',
          callerKeyAlias: 'master_key',
          findings: [],
          vendorResponse: null,
          latencyMs: 1,
        });
      }
      await queue.flush();
      const stats = (await call('GET', '/admin/violations/stats')).json as unknown as Stats;
      expect(stats.total).toBe(9);
      expect(stats.by_day).toContainEqual({ day: threeDaysAgo.toISOString().slice(0, 10), count: 2 });
      expect(stats.by_day.map((d) => d.day)).not.toContain(longAgo.toISOString().slice(0, 10));
      expect(Date.parse(stats.to) - Date.parse(stats.from)).toBe(30 * DAY_MS);
    });
  });

  describe('DELETE /admin/violations?before=', () => {
    it('answers 400 without a valid before', async () => {
      for (const query of ['', '?before=soon', '?before=20261102T000000Z']) {
        const reply = await call('DELETE', `/admin/violations${query}`);
        expect(reply.status).toBe(400);
        expect((reply.json.error as { param: string }).param).toBe('before');
      }
    });

    it('deletes every violation before the given time and answers how many', async () => {
      const total = (await page('')).total;
      expect(total).toBe(10);
      expect(
        (await call('DELETE', `/admin/violations?before=${new Date(Date.now() - 100 * DAY_MS).toISOString()}`)).json,
      ).toEqual({
        deleted: 0,
      });
      expect((await call('DELETE', `/admin/violations?before=${start.toISOString()}`)).json).toEqual({ deleted: 3 });
      expect((await page('')).total).toBe(7);
      expect((await call('DELETE', `/admin/violations?before=${middle.toISOString()}`)).json).toEqual({ deleted: 3 });
      expect((await page('')).data.every((v) => Date.parse(v.occurred_at) >= middle.getTime())).toBe(true);
      expect(
        (await call('DELETE', `/admin/violations?before=${new Date(Date.now() + 1000).toISOString()}`)).json,
      ).toEqual({
        deleted: 4,
      });
      expect((await page('')).total).toBe(0);
    });
  });
});
