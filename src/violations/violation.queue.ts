import { v7 as uuidv7 } from 'uuid';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { ViolationBatchWriter } from './violation-batch.writer';
import { ViolationEntity } from './violation.entity';
import { ViolationRecorder, type ViolationRecord } from './violation.types';

export const QUEUE_LIMITS = {
  /** Rows per INSERT: well under SQLite's 32,766 bound variables. */
  batchSize: 250,
  /** How long a lone violation may wait for company before it is written. */
  flushIntervalMs: 100,
  /** Past this the oldest rows are dropped (with an error log): memory stays bounded when the database is down. */
  maxQueued: 200_000,
  maxBackoffMs: 5_000,
  shutdownDeadlineMs: 10_000,
} as const;

/**
 * The violation log's write path: `record` only enqueues; one writer inserts batches off the request path, retries
 * with backoff while the database is unavailable, and flushes what is left on shutdown.
 */
@Injectable()
export class ViolationQueue extends ViolationRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ViolationLog');
  private queue: ViolationEntity[] = [];
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private failures = 0;
  private dropped = 0;
  /** Rows the database refused for their content (never retried). */
  private rejected = 0;
  private lastDropLog = 0;
  private stopped = false;
  private written = 0;
  /** Rows of the batch being inserted right now: out of `queue`, not yet written. */
  private inFlight = 0;

  constructor(
    private readonly writer: ViolationBatchWriter,
    metrics: MetricsService,
  ) {
    super();
    metrics.gauge('warden_violation_queue_depth', 'Violations waiting to be written to the database', () => this.depth);
  }

  record(violation: ViolationRecord): void {
    this.queue.push(toEntity(violation));
    if (this.queue.length > QUEUE_LIMITS.maxQueued) {
      const excess = this.queue.length - QUEUE_LIMITS.maxQueued;
      this.queue.splice(0, excess);
      this.dropped += excess;
      this.logDrop();
    }
    if (this.queue.length >= QUEUE_LIMITS.batchSize) {
      this.schedule(0);
    } else {
      this.schedule(QUEUE_LIMITS.flushIntervalMs);
    }
  }

  /** Rows not written yet: waiting, plus the batch being inserted (it goes back to the queue if the insert fails). */
  get depth(): number {
    return this.queue.length + this.inFlight;
  }

  get stats(): { queued: number; written: number; dropped: number; rejected: number; failures: number } {
    return {
      queued: this.depth,
      written: this.written,
      dropped: this.dropped,
      rejected: this.rejected,
      failures: this.failures,
    };
  }

  /** Writes everything queued so far (tests and shutdown). Resolves when the queue is empty or the deadline passes. */
  async flush(deadlineMs: number = QUEUE_LIMITS.shutdownDeadlineMs): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while ((this.queue.length > 0 || this.writing) && Date.now() < deadline) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      await this.writeBatch();
      if (this.failures > 0 && this.queue.length > 0) {
        await sleep(Math.min(QUEUE_LIMITS.maxBackoffMs, 100 * 2 ** this.failures, Math.max(0, deadline - Date.now())));
      }
    }
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flush();
    if (this.queue.length > 0) {
      this.logger.error(`shutting down with ${this.queue.length} violations not written (database unavailable)`);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.writing || (this.timer && delayMs > 0)) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeBatch().then(() => {
        if (this.queue.length > 0) {
          const backoff = this.failures > 0 ? Math.min(QUEUE_LIMITS.maxBackoffMs, 100 * 2 ** this.failures) : 0;
          this.schedule(backoff);
        }
      });
    }, delayMs);
    this.timer.unref();
  }

  private writeBatch(): Promise<void> {
    if (this.writing || this.queue.length === 0) {
      return this.writing ?? Promise.resolve();
    }
    const batch = this.queue.splice(0, QUEUE_LIMITS.batchSize);
    this.inFlight = batch.length;
    this.writing = this.insert(batch).finally(() => {
      this.inFlight = 0;
      this.writing = undefined;
    });
    return this.writing;
  }

  private async insert(batch: ViolationEntity[]): Promise<void> {
    let unwritten = batch;
    let cause: unknown;
    const rejectedBefore = this.rejected;
    try {
      await this.writer.insert(batch);
      unwritten = [];
    } catch (error) {
      cause = error;
      if (isRowRejection(error)) {
        unwritten = await this.insertEach(batch);
      }
    }
    this.written += batch.length - unwritten.length - (this.rejected - rejectedBefore);
    if (unwritten.length === 0) {
      if (this.failures > 0) {
        this.logger.log(`violation log writes recovered after ${this.failures} failed attempts`);
      }
      this.failures = 0;
      return;
    }
    this.failures += 1;
    this.queue.unshift(...unwritten);
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.logger.error(
        `cannot write violations (${this.queue.length} queued, attempt ${this.failures}): ${(cause as Error).message}`,
      );
    }
  }

  /**
   * The database refused the batch for what one of its rows holds: rows are written one by one, so a row it can
   * never store is dropped (and logged) instead of holding back every violation after it. Returns the rows that
   * failed for any other reason, to retry.
   */
  private async insertEach(batch: readonly ViolationEntity[]): Promise<ViolationEntity[]> {
    const retry: ViolationEntity[] = [];
    for (const row of batch) {
      try {
        await this.writer.insert([row]);
      } catch (error) {
        if (!isRowRejection(error)) {
          retry.push(row);
          continue;
        }
        this.rejected += 1;
        this.logger.error(
          `violation ${row.id} (request ${row.requestId}, guardrail ${row.guardrailName}) refused by the database and ` +
            `dropped: ${(error as Error).message}`,
        );
      }
    }
    return retry;
  }

  private logDrop(): void {
    const now = Date.now();
    if (now - this.lastDropLog > 1000) {
      this.lastDropLog = now;
      this.logger.error(
        `violation queue full (${QUEUE_LIMITS.maxQueued} rows): dropped ${this.dropped} oldest violations so far; check the database`,
      );
    }
  }
}

function toEntity(violation: ViolationRecord): ViolationEntity {
  const entity = new ViolationEntity();
  // Time-ordered ids append to the primary-key index instead of landing on random pages (SQLite: ~30 % less CPU
  // per stored row; PostgreSQL's B-tree gains the same way).
  entity.id = uuidv7();
  entity.occurredAt = violation.occurredAt;
  entity.requestId = storable(violation.requestId, 128);
  entity.guardrailName = storable(violation.guardrailName, 128);
  entity.provider = storable(violation.provider, 32);
  entity.mode = violation.mode;
  entity.action = violation.action;
  entity.model = storable(violation.model, 256);
  entity.endpoint = violation.endpoint;
  entity.callerKeyAlias = storable(violation.callerKeyAlias, 128);
  entity.keyTeam = violation.callerTeam ? storable(violation.callerTeam, 128) : null;
  entity.findings = violation.findings;
  entity.vendorResponse = toJsonObject(violation.vendorResponse);
  entity.excerpt = violation.excerpt === undefined || violation.excerpt === null ? null : storable(violation.excerpt);
  entity.latencyMs = violation.latencyMs;
  entity.cached = violation.cached === true;
  return entity;
}

/**
 * Text as both databases store it: PostgreSQL refuses NUL in text (a prompt can carry one), and a varchar column
 * refuses more than its length. Cut on a code point boundary.
 */
function storable(text: string, maxLength?: number): string {
  const clean = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  if (maxLength === undefined || clean.length <= maxLength) {
    return clean;
  }
  const cut = clean.slice(0, maxLength);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * A failure caused by a row's content, not by the database being unavailable: PostgreSQL's data exceptions and
 * integrity violations (SQLSTATE classes 22 and 23), SQLite's constraint, size and type errors.
 */
function isRowRejection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    return false;
  }
  return /^2[23][0-9A-Z]{3}$/.test(code) || ['SQLITE_CONSTRAINT', 'SQLITE_TOOBIG', 'SQLITE_MISMATCH'].includes(code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Stored as JSON; a bare string or number from a vendor is wrapped so the column always holds an object. */
function toJsonObject(value: unknown): object | null {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'object' ? value : { value };
}
