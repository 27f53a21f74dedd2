import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { isPostgresUrl } from '../database/data-source';
import { PgChangeListener } from '../database/pg-change-listener';
import { KeyRegistry } from './key.registry';
import { KeyStore } from './key.store';
import { toLiveKey } from './live-key';
import { serialized } from '../common/serialized';

const CHANNEL = 'warden_keys';

/**
 * Keeps the in-memory key registry in step with the database, as GuardrailSync does for guardrails: load at start,
 * reload at once after a write on this instance (so a disabled or deleted key is refused before the admin call
 * answers), and, on PostgreSQL, NOTIFY the other instances, which reload; a lost listener reconnects and reloads.
 * The listener starts once the whole app has started, then reloads once more (see GuardrailSync).
 */
@Injectable()
export class KeySync implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeySync.name);
  private readonly instanceId = randomUUID();
  private listener?: PgChangeListener;

  constructor(
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    private readonly store: KeyStore,
    private readonly registry: KeyRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async onApplicationBootstrap(): Promise<void> {
    const { databaseUrl } = this.config.general;
    if (!isPostgresUrl(databaseUrl)) {
      return;
    }
    this.listener = new PgChangeListener({
      databaseUrl,
      channel: CHANNEL,
      instanceId: this.instanceId,
      subject: 'key',
      logger: this.logger,
      reload: () => this.reload(),
    });
    await this.listener.start();
  }

  /** Called after every key write: applies it here now, then tells the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    if (isPostgresUrl(this.config.general.databaseUrl)) {
      await this.store.notify(CHANNEL, this.instanceId);
    }
  }

  /** Serialized, so an older read never overwrites a newer one. */
  readonly reload = serialized(async () => {
    const rows = await this.store.list();
    this.registry.replace(rows.map((row) => [row.keyHash, toLiveKey(row)] as const));
  });

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }
}
