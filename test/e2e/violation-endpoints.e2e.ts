import { DataSource, type Table } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source';
import { ViolationEndpoint1796680000000 } from '../../src/database/migrations/1796680000000-violation-endpoint';
import type { EndpointName } from '../../src/endpoints/endpoint-name';
import { ViolationEntity } from '../../src/violations/violation.entity';
import { ViolationQueue } from '../../src/violations/violation.queue';
import type { ViolationAction } from '../../src/violations/violation.types';
import { DATABASES, type TestDatabase } from '../support/test-databases';
import { monitoredKeywordConfig } from '../support/violation-log';
import { startGateway, type RunningGateway } from './gateway.harness';

const MASTER_KEY = 'sk-warden-endpoints-test';

interface Violation {
  id: string;
  request_id: string;
  endpoint: string;
  action: string;
  excerpt: string | null;
}

interface Reply {
  status: number;
  json: Record<string, unknown>;
}

function gatewayConfig(databaseUrl: string): Record<string, unknown> {
  const config = monitoredKeywordConfig(databaseUrl);
  return { ...config, general_settings: { database_url: databaseUrl, master_key: MASTER_KEY } };
}

async function adminGet(gateway: RunningGateway, path: string): Promise<Reply> {
  const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function violations(gateway: RunningGateway, query = ''): Promise<{ total: number; data: Violation[] }> {
  const reply = await adminGet(gateway, `/admin/violations${query}`);
  expect(reply.status).toBe(200);
  return reply.json as unknown as { total: number; data: Violation[] };
}

/** A flagged chat request (the `watch` guardrail logs it in monitor mode). */
async function flaggedChat(gateway: RunningGateway, requestId: string): Promise<void> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}`, 'x-request-id': requestId },
    body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'please flagme' }] }),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

/** Until the other APIs run through the pipeline, their violations are recorded through the queue directly. */
function record(gateway: RunningGateway, requestId: string, endpoint: EndpointName, action: ViolationAction): void {
  gateway.app.get(ViolationQueue).record({
    occurredAt: new Date(),
    requestId,
    guardrailName: 'watch',
    provider: 'banned_keywords',
    mode: 'pre_call',
    action,
    model: 'demo',
    endpoint,
    callerKeyAlias: 'master_key',
    findings: [],
    vendorResponse: null,
    latencyMs: 1,
  });
}

describe.each(DATABASES)('violation log by endpoint on $kind', (db: TestDatabase) => {
  describe('admin API', () => {
    let database: { url: string; drop(): Promise<void> };
    let gateway: RunningGateway;

    beforeAll(async () => {
      database = await db.create();
      gateway = await startGateway(gatewayConfig(database.url));
      await flaggedChat(gateway, 'req-chat-1');
      await flaggedChat(gateway, 'req-chat-2');
      record(gateway, 'req-messages-1', 'messages', 'monitored');
      record(gateway, 'req-messages-2', 'messages', 'blocked');
      record(gateway, 'req-messages-3', 'messages', 'blocked');
      record(gateway, 'req-responses-1', 'responses', 'masked');
      record(gateway, 'req-embeddings-1', 'embeddings', 'blocked');
      await gateway.app.get(ViolationQueue).flush();
    });

    afterAll(async () => {
      await gateway?.close();
      await database?.drop();
    });

    it('stores the endpoint with every violation and answers it in the list and the detail', async () => {
      const all = await violations(gateway);
      expect(all.total).toBe(7);
      expect(Object.fromEntries(all.data.map((v) => [v.request_id, v.endpoint]))).toEqual({
        'req-chat-1': 'chat',
        'req-chat-2': 'chat',
        'req-messages-1': 'messages',
        'req-messages-2': 'messages',
        'req-messages-3': 'messages',
        'req-responses-1': 'responses',
        'req-embeddings-1': 'embeddings',
      });
      const one = all.data.find((v) => v.endpoint === 'embeddings')!;
      expect((await adminGet(gateway, `/admin/violations/${one.id}`)).json).toMatchObject({ endpoint: 'embeddings' });
    });

    it('filters by endpoint, alone and with the other filters', async () => {
      const chat = await violations(gateway, '?endpoint=chat');
      expect(chat.data.map((v) => v.request_id).sort()).toEqual(['req-chat-1', 'req-chat-2']);
      expect((await violations(gateway, '?endpoint=messages')).total).toBe(3);
      expect((await violations(gateway, '?endpoint=messages&action=blocked')).total).toBe(2);
      expect((await violations(gateway, '?endpoint=chat&action=blocked')).total).toBe(0);
      expect(await violations(gateway, '?endpoint=completions')).toMatchObject({ total: 0, data: [] });
      const paged = await violations(gateway, '?endpoint=messages&limit=2');
      expect(paged.data.every((v) => v.endpoint === 'messages')).toBe(true);
    });

    it('answers 400 in the OpenAI error shape for an endpoint Warden does not serve', async () => {
      for (const endpoint of ['assistants', 'Chat', '', 'chat,messages']) {
        const reply = await adminGet(gateway, `/admin/violations?endpoint=${encodeURIComponent(endpoint)}`);
        expect({ endpoint, status: reply.status }).toEqual({ endpoint, status: 400 });
        const error = reply.json.error as { type: string; param: string; message: string };
        expect(error).toMatchObject({ type: 'invalid_request_error', param: 'endpoint' });
        expect(error.message).toContain('endpoint');
      }
    });

    it('counts by endpoint in the stats, every endpoint listed', async () => {
      const reply = await adminGet(gateway, '/admin/violations/stats');
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({
        total: 7,
        by_endpoint: { chat: 2, responses: 1, messages: 3, completions: 0, embeddings: 1 },
      });
      const empty = await adminGet(
        gateway,
        `/admin/violations/stats?from=${new Date(Date.now() + 60_000).toISOString()}&to=${new Date(Date.now() + 120_000).toISOString()}`,
      );
      expect(empty.json.by_endpoint).toEqual({ chat: 0, responses: 0, messages: 0, completions: 0, embeddings: 0 });
      const messagesOnly = await adminGet(gateway, '/admin/violations/stats?endpoint=messages');
      expect(messagesOnly.json).toMatchObject({
        total: 3,
        by_endpoint: { chat: 0, responses: 0, messages: 3, completions: 0, embeddings: 0 },
      });
      expect((await adminGet(gateway, '/admin/violations/stats?endpoint=assistants')).status).toBe(400);
    });
  });

  describe('migration', () => {
    const previous = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ViolationEndpoint1796680000000));
    let database: { url: string; drop(): Promise<void> };

    beforeEach(async () => {
      database = await db.create();
    });

    afterEach(async () => {
      await database.drop();
    });

    /** A data source on the test database that runs no migration by itself. */
    async function connect(migrations: unknown[]): Promise<DataSource> {
      const dataSource = new DataSource({
        ...dataSourceOptions(database.url),
        migrations: migrations as never,
        migrationsRun: false,
      });
      return dataSource.initialize();
    }

    async function tableOf(dataSource: DataSource): Promise<Table> {
      const runner = dataSource.createQueryRunner();
      try {
        return (await runner.getTable('violations'))!;
      } finally {
        await runner.release();
      }
    }

    /** Rows as the previous schema holds them: no endpoint column. */
    async function insertOldRows(dataSource: DataSource, requestIds: string[]): Promise<void> {
      const metadata = dataSource.getMetadata(ViolationEntity);
      const occurredAt = metadata.findColumnWithPropertyName('occurredAt')!;
      const placeholder = (i: number): string => (db.kind === 'postgres' ? `$${i}` : '?');
      for (const [index, requestId] of requestIds.entries()) {
        const values = [
          `00000000-0000-4000-8000-00000000000${index}`,
          dataSource.driver.preparePersistentValue(new Date(), occurredAt) as unknown,
          requestId,
          'watch',
          'banned_keywords',
          'pre_call',
          'monitored',
          'demo',
          'master_key',
          '[]',
          1.5,
        ];
        await dataSource.query(
          'INSERT INTO violations (id, occurred_at, request_id, guardrail_name, provider, mode, action, model, ' +
            `caller_key_alias, findings, latency_ms) VALUES (${values.map((_, i) => placeholder(i + 1)).join(', ')})`,
          values,
        );
      }
    }

    it('gives the rows of an existing log the endpoint chat, indexed, and new rows their own', async () => {
      const before = await connect(previous);
      try {
        await before.runMigrations();
        expect((await tableOf(before)).findColumnByName('endpoint')).toBeUndefined();
        await insertOldRows(before, ['req-old-1', 'req-old-2', 'req-old-3']);
      } finally {
        await before.destroy();
      }

      // The gateway runs the pending migration at start-up, as in production.
      const gateway = await startGateway(gatewayConfig(database.url));
      try {
        const old = await violations(gateway);
        expect(old.data.map((v) => [v.request_id, v.endpoint]).sort()).toEqual([
          ['req-old-1', 'chat'],
          ['req-old-2', 'chat'],
          ['req-old-3', 'chat'],
        ]);
        record(gateway, 'req-new-messages', 'messages', 'blocked');
        await gateway.app.get(ViolationQueue).flush();
        expect((await violations(gateway, '?endpoint=chat')).total).toBe(3);
        expect((await violations(gateway, '?endpoint=messages')).data.map((v) => v.request_id)).toEqual([
          'req-new-messages',
        ]);
        expect((await adminGet(gateway, '/admin/violations/stats')).json).toMatchObject({
          by_endpoint: { chat: 3, messages: 1 },
        });
      } finally {
        await gateway.close();
      }

      const after = await connect(MIGRATIONS);
      try {
        const table = await tableOf(after);
        expect(table.findColumnByName('endpoint')).toMatchObject({ isNullable: false });
        // TypeORM reads PostgreSQL's index columns back in no particular order: compared as a set.
        const index = table.indices.find((candidate) => candidate.name === 'idx_violations_endpoint');
        expect([...(index?.columnNames ?? [])].sort()).toEqual(['endpoint', 'occurred_at']);
        expect(await after.showMigrations()).toBe(false);

        // And back: reverting it (and every later migration first) drops the column and its index, keeps every row.
        for (let undone = MIGRATIONS.indexOf(ViolationEndpoint1796680000000); undone < MIGRATIONS.length; undone += 1) {
          await after.undoLastMigration();
        }
        const reverted = await tableOf(after);
        expect(reverted.findColumnByName('endpoint')).toBeUndefined();
        expect(reverted.indices.map((index) => index.name)).not.toContain('idx_violations_endpoint');
        const [{ n }] = await after.query<Array<{ n: string | number }>>('SELECT COUNT(*) AS n FROM violations');
        expect(Number(n)).toBe(4);
      } finally {
        await after.destroy();
      }
    });
  });
});
