import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Client } from 'pg';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { isPostgresUrl } from '../database/data-source';
import { GuardrailRegistry, type GuardrailState } from './guardrail.registry';
import { GuardrailStore } from './guardrail.store';

const CHANNEL = 'warden_guardrails';
const RECONNECT_MS = 1000;

/**
 * Keeps the in-memory registry in step with the database. At startup: upsert config.yaml's guardrails, load all.
 * After a write on this instance: reload at once. Other instances sharing PostgreSQL hear a NOTIFY on
 * `warden_guardrails` and reload; a lost listener reconnects and reloads in full, so no change is missed.
 */
@Injectable()
export class GuardrailSync implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GuardrailSync.name);
  private readonly instanceId = randomUUID();
  private listener?: Client;
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    private readonly store: GuardrailStore,
    private readonly registry: GuardrailRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.syncConfig(this.config.guardrails);
    await this.reload();
    if (isPostgresUrl(this.config.general.databaseUrl)) {
      await this.listen();
    }
  }

  /** Called after every admin write: applies the change here now, then tells the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    if (isPostgresUrl(this.config.general.databaseUrl)) {
      await this.store.notify(CHANNEL, this.instanceId);
    }
  }

  /** Reloads are serialized so an older snapshot never overwrites a newer one. */
  reload(): Promise<void> {
    const next = this.reloading
      .catch(() => undefined)
      .then(async () => this.registry.replace(this.inDefinitionOrder(await this.store.states())));
    this.reloading = next;
    return next;
  }

  /** config.yaml's guardrails in file order (it decides the order masks apply in), then API ones by creation. */
  private inDefinitionOrder(states: GuardrailState[]): GuardrailState[] {
    const position = new Map(this.config.guardrails.map((definition, index) => [definition.name, index]));
    const rank = (state: GuardrailState): number => position.get(state.definition.name) ?? Number.MAX_SAFE_INTEGER;
    return states
      .map((state, index) => ({ state, index }))
      .sort((a, b) => rank(a.state) - rank(b.state) || a.index - b.index)
      .map(({ state }) => state);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    // pg (~16 MB of RSS in a bare process) is only needed with PostgreSQL: loaded here, not at start-up.
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.config.general.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload !== this.instanceId) {
        this.reload().catch((error: unknown) =>
          this.logger.error(`guardrail reload failed: ${(error as Error).message}`),
        );
      }
    });
    client.on('error', (error) => this.logger.warn(`guardrail change listener: ${error.message}`));
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  /** One pending reconnect at a time (a failed connect both ends the client and rejects), none after shutdown. */
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
      this.logger.log('guardrail change listener reconnected');
    } catch (error) {
      this.logger.warn(`guardrail change listener reconnect failed: ${(error as Error).message}`);
      this.scheduleReconnect();
    }
  }
}
