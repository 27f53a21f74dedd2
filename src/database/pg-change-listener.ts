import type { Logger } from '@nestjs/common';
import type { Client } from 'pg';

const RECONNECT_MS = 1000;

export interface PgChangeListenerOptions {
  databaseUrl: string;
  channel: string;
  /** This instance's id: its own NOTIFY payloads are ignored (it applied the change already). */
  instanceId: string;
  /** What changes, for log lines: `guardrail`, `key`. */
  subject: string;
  logger: Logger;
  /** Reloads everything: on another instance's NOTIFY, and after each (re)connect (changes may have been missed). */
  reload(): Promise<void>;
}

/**
 * LISTEN on one PostgreSQL channel for changes made by other instances. A lost connection reconnects (one attempt
 * pending at a time) and reloads in full, so no change is missed; nothing runs after `stop()`.
 */
export class PgChangeListener {
  private client?: Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly options: PgChangeListenerOptions) {}

  /** LISTENs, then reloads once: a change made before the LISTEN is not missed either. */
  async start(): Promise<void> {
    await this.listen();
    await this.options.reload();
  }

  private async listen(): Promise<void> {
    // pg (~16 MB of RSS in a bare process) is only needed with PostgreSQL: loaded here, not at start-up.
    const { Client } = await import('pg');
    if (this.stopped) {
      return;
    }
    const { channel, instanceId, subject, logger } = this.options;
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== instanceId) {
        this.options.reload().catch((error: unknown) => logger.error(`${subject} reload failed: ${errorText(error)}`));
      }
    });
    client.on('error', (error) => logger.warn(`${subject} change listener: ${error.message}`));
    client.on('end', () => this.scheduleReconnect());
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) {
      return;
    }
    const { subject, logger } = this.options;
    try {
      await this.start();
      logger.log(`${subject} change listener reconnected`);
    } catch (error) {
      logger.warn(`${subject} change listener reconnect failed: ${errorText(error)}`);
      this.scheduleReconnect();
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
