import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Client } from 'pg';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { isPostgresUrl } from '../database/data-source';
import { KeyRegistry } from './key.registry';
import { KeyStore } from './key.store';
import { toLiveKey } from './live-key';

const CHANNEL = 'warden_keys';
const RECONNECT_MS = 1000;

/**
 * Keeps the in-memory key registry in step with the database, as GuardrailSync does for guardrails: load at start,
 * reload at once after a write on this instance (so a disabled or deleted key is refused before the admin call
 * answers), and, on PostgreSQL, NOTIFY the other instances, which reload; a lost listener reconnects and reloads.
 */
@Injectable()
export class KeySync implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeySync.name);
  private readonly instanceId = randomUUID();
  private listener?: Client;
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    private readonly store: KeyStore,
    private readonly registry: KeyRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    if (isPostgresUrl(this.config.general.databaseUrl)) {
      await this.listen();
    }
  }

  /** Called after every key write: applies it here now, then tells the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    if (isPostgresUrl(this.config.general.databaseUrl)) {
      await this.store.notify(CHANNEL, this.instanceId);
    }
  }

  /** Serialized, so an older read never overwrites a newer one. */
  reload(): Promise<void> {
    const next = this.reloading
      .catch(() => undefined)
      .then(async () => {
        const rows = await this.store.list();
        this.registry.replace(rows.map((row) => [row.keyHash, toLiveKey(row)] as const));
      });
    this.reloading = next;
    return next;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.config.general.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload !== this.instanceId) {
        this.reload().catch((error: unknown) => this.logger.error(`key reload failed: ${(error as Error).message}`));
      }
    });
    client.on('error', (error) => this.logger.warn(`key change listener: ${error.message}`));
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    if (this.stopping) {
      return;
    }
    try {
      await this.listen();
      await this.reload();
      this.logger.log('key change listener reconnected');
    } catch (error) {
      this.logger.warn(`key change listener reconnect failed: ${(error as Error).message}`);
      this.scheduleReconnect();
    }
  }
}
