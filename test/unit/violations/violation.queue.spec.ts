import { Logger } from '@nestjs/common';
import { MetricsService } from '../../../src/metrics/metrics.service';
import type { ViolationBatchWriter } from '../../../src/violations/violation-batch.writer';
import type { ViolationEntity } from '../../../src/violations/violation.entity';
import { QUEUE_LIMITS, ViolationQueue } from '../../../src/violations/violation.queue';
import type { ViolationRecord } from '../../../src/violations/violation.types';

function violation(requestId: string): ViolationRecord {
  return {
    occurredAt: new Date(),
    requestId,
    guardrailName: 'g',
    provider: 'pii',
    mode: 'pre_call',
    action: 'monitored',
    model: 'm',
    endpoint: 'chat',
    callerKeyAlias: 'anonymous',
    findings: [],
    vendorResponse: undefined,
    latencyMs: 1,
  };
}

/** A writer whose inserts fail until `up` is set, recording what it stored. */
function fakeWriter(): {
  writer: ViolationBatchWriter;
  stored: ViolationEntity[];
  setUp(up: boolean): void;
} {
  const stored: ViolationEntity[] = [];
  let up = false;
  const writer = {
    insert: (rows: ViolationEntity[]) =>
      up ? (stored.push(...rows), Promise.resolve()) : Promise.reject(new Error('database is down')),
  } as unknown as ViolationBatchWriter;
  return { writer, stored, setUp: (value) => (up = value) };
}

describe(ViolationQueue.name, () => {
  it('keeps what it cannot write, then writes all of it once the database is back, in order', async () => {
    const database = fakeWriter();
    const queue = new ViolationQueue(database.writer, new MetricsService());
    for (let i = 0; i < 600; i += 1) {
      queue.record(violation(`r${i}`));
    }
    await queue.flush(50);
    expect(queue.stats).toMatchObject({ queued: 600, written: 0, dropped: 0 });
    expect(queue.stats.failures).toBeGreaterThan(0);
    database.setUp(true);
    await queue.flush();
    expect(queue.stats).toMatchObject({ queued: 0, written: 600, dropped: 0 });
    expect(database.stored.map((row) => row.requestId)).toEqual(Array.from({ length: 600 }, (_, i) => `r${i}`));
    await queue.onApplicationShutdown();
  });

  it('stays bounded while the database is down: past the limit the oldest rows are dropped and counted', async () => {
    const database = fakeWriter();
    const queue = new ViolationQueue(database.writer, new MetricsService());
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < QUEUE_LIMITS.maxQueued + 25; i += 1) {
      queue.record(violation(`r${i}`));
    }
    expect(queue.depth).toBe(QUEUE_LIMITS.maxQueued);
    expect(queue.stats.dropped).toBe(25);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('violation queue full'));
    database.setUp(true);
    // Writing 200,000 rows is not what this test times: a deadline far past the shutdown one, for loaded machines.
    await queue.flush(120_000);
    expect(database.stored[0].requestId).toBe('r25');
    expect(database.stored).toHaveLength(QUEUE_LIMITS.maxQueued);
    errors.mockRestore();
    await queue.onApplicationShutdown();
  }, 150_000);

  it('counts the batch being inserted as not written yet, until the insert settles', async () => {
    let finishInsert: (() => void) | undefined;
    const writer = {
      insert: () => new Promise<void>((resolve) => (finishInsert = resolve)),
    } as unknown as ViolationBatchWriter;
    const queue = new ViolationQueue(writer, new MetricsService());
    for (let i = 0; i < 10; i += 1) {
      queue.record(violation(`r${i}`));
    }
    const flushed = queue.flush();
    expect(finishInsert).toBeDefined();
    expect(queue.depth).toBe(10);
    finishInsert?.();
    await flushed;
    expect(queue.stats).toMatchObject({ queued: 0, written: 10 });
    await queue.onApplicationShutdown();
  });

  it('drops only the row the database refuses for its content and writes the rest of its batch', async () => {
    const stored: string[] = [];
    const refusal = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const writer = {
      insert: (rows: ViolationEntity[]) => {
        if (rows.some((row) => row.requestId === 'poison')) {
          return Promise.reject(refusal);
        }
        stored.push(...rows.map((row) => row.requestId));
        return Promise.resolve();
      },
    } as unknown as ViolationBatchWriter;
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const queue = new ViolationQueue(writer, new MetricsService());
    for (const requestId of ['r0', 'poison', 'r2']) {
      queue.record(violation(requestId));
    }
    await queue.flush();
    expect(stored).toEqual(['r0', 'r2']);
    expect(queue.stats).toMatchObject({ queued: 0, written: 2, rejected: 1, failures: 0 });
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining('(request poison, guardrail g) refused by the database'),
    );
    errors.mockRestore();
    await queue.onApplicationShutdown();
  });

  it('keeps every row of a batch that failed for another reason (connection lost, table missing)', async () => {
    const stored: string[] = [];
    let down = true;
    const writer = {
      insert: (rows: ViolationEntity[]) => {
        if (down) {
          return Promise.reject(Object.assign(new Error('relation "violations" does not exist'), { code: '42P01' }));
        }
        stored.push(...rows.map((row) => row.requestId));
        return Promise.resolve();
      },
    } as unknown as ViolationBatchWriter;
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const queue = new ViolationQueue(writer, new MetricsService());
    queue.record(violation('r0'));
    await queue.flush(50);
    expect(queue.stats).toMatchObject({ queued: 1, written: 0, rejected: 0 });
    down = false;
    await queue.flush();
    expect(stored).toEqual(['r0']);
    errors.mockRestore();
    await queue.onApplicationShutdown();
  });

  it('stores text as both databases accept it: no NUL characters, varchar columns cut to their length', async () => {
    const database = fakeWriter();
    database.setUp(true);
    const queue = new ViolationQueue(database.writer, new MetricsService());
    queue.record({ ...violation('r\u0000id'), model: `${'m'.repeat(255)}🦅`, excerpt: 'pasted \u0000 binary' });
    await queue.flush();
    expect(database.stored[0]).toMatchObject({ requestId: 'rid', model: 'm'.repeat(255), excerpt: 'pasted  binary' });
    await queue.onApplicationShutdown();
  });

  it('stores the endpoint each violation came through', async () => {
    const database = fakeWriter();
    database.setUp(true);
    const queue = new ViolationQueue(database.writer, new MetricsService());
    queue.record({ ...violation('r-chat'), endpoint: 'chat' });
    queue.record({ ...violation('r-messages'), endpoint: 'messages' });
    await queue.flush();
    expect(database.stored.map((row) => [row.requestId, row.endpoint])).toEqual([
      ['r-chat', 'chat'],
      ['r-messages', 'messages'],
    ]);
    await queue.onApplicationShutdown();
  });
});
