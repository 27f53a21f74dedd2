import { Client } from 'pg';
import { ViolationQueue } from '../../src/violations/violation.queue';
import { DATABASES, POSTGRES } from '../support/test-databases';
import { countViolationRows, monitoredKeywordConfig } from '../support/violation-log';
import { startGateway, type RunningGateway } from './gateway.harness';
import { eventually } from './guardrails.harness';

/** Sends `total` chat requests with `concurrency` in flight; `flagged(i)` decides which carry the keyword. */
async function sendMany(
  gateway: RunningGateway,
  total: number,
  concurrency: number,
  flagged: (i: number) => boolean,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'demo',
          messages: [{ role: 'user', content: flagged(i) ? `please flagme ${i}` : `hello ${i}` }],
        }),
      });
      if (response.status !== 200) {
        throw new Error(`request ${i} answered ${response.status}`);
      }
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Counts of rows, not speed, are what these tests check: a budget that holds on a loaded 2-core machine. */
const LOAD_TEST_BUDGET_MS = 180_000;

describe.each(DATABASES)('violation log on $kind', (database) => {
  let url: string;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ url, drop } = await database.create());
  });

  afterEach(async () => {
    await drop();
  });

  it(
    'keeps every violation under load: 5,000 flagged monitor-mode requests leave exactly 5,000 rows',
    async () => {
      const gateway = await startGateway(monitoredKeywordConfig(url));
      try {
        await sendMany(gateway, 5000, 32, () => true);
        await gateway.app.get(ViolationQueue).flush();
        expect(gateway.app.get(ViolationQueue).stats).toMatchObject({ queued: 0, dropped: 0 });
      } finally {
        await gateway.close();
      }
      expect(await countViolationRows(url)).toBe(5000);
    },
    LOAD_TEST_BUDGET_MS,
  );

  it(
    'records only what was flagged: 5,000 requests, half of them flagged, leave exactly 2,500 rows',
    async () => {
      const gateway = await startGateway(monitoredKeywordConfig(url));
      try {
        await sendMany(gateway, 5000, 32, (i) => i % 2 === 0);
      } finally {
        await gateway.close();
      }
      expect(await countViolationRows(url)).toBe(2500);
    },
    LOAD_TEST_BUDGET_MS,
  );

  it('stores a prompt carrying a NUL character, and keeps recording the violations after it', async () => {
    const gateway = await startGateway(monitoredKeywordConfig(url));
    try {
      const send = (content: string) =>
        fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content }] }),
        });
      expect((await send('flagme \u0000 pasted binary')).status).toBe(200);
      for (let i = 0; i < 3; i += 1) {
        expect((await send(`flagme, ordinary request ${i}`)).status).toBe(200);
      }
      await gateway.app.get(ViolationQueue).flush();
      expect(gateway.app.get(ViolationQueue).stats).toMatchObject({ queued: 0, written: 4, rejected: 0 });
    } finally {
      await gateway.close();
    }
    expect(await countViolationRows(url)).toBe(4);
  });

  it('flushes queued violations on shutdown', async () => {
    const gateway = await startGateway(monitoredKeywordConfig(url));
    await sendMany(gateway, 300, 16, () => true);
    await gateway.close();
    expect(await countViolationRows(url)).toBe(300);
  });
});

describe('violation log while the database is unavailable (PostgreSQL)', () => {
  it('keeps serving, retries, and writes everything once the database is back', async () => {
    const { url, drop } = await POSTGRES.create();
    const gateway = await startGateway(monitoredKeywordConfig(url));
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('ALTER TABLE violations RENAME TO violations_offline');
      await sendMany(gateway, 200, 8, () => true);
      const queue = gateway.app.get(ViolationQueue);
      await eventually(() => queue.stats.failures > 0, 5000);
      expect(queue.depth).toBeGreaterThan(0);
      await admin.query('ALTER TABLE violations_offline RENAME TO violations');
      await eventually(() => queue.depth === 0, 15_000);
      await queue.flush();
      const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM violations');
      expect(Number(rows[0].n)).toBe(200);
    } finally {
      await admin.end();
      await gateway.close();
      await drop();
    }
  });
});
