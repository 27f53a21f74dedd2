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
import { GuardrailRegistry, type GuardrailState } from './guardrail.registry';
import { GuardrailStore } from './guardrail.store';
import { serialized } from '../common/serialized';

const CHANNEL = 'warden_guardrails';

/**
 * Keeps the in-memory registry in step with the database. At startup: upsert config.yaml's guardrails, load all.
 * After a write on this instance: reload at once. Other instances sharing PostgreSQL hear a NOTIFY on
 * `warden_guardrails` and reload; a lost listener reconnects and reloads in full, so no change is missed. The listener
 * starts once the whole app has started (a start that fails leaves no connection behind) and reloads once more, so a
 * change made between the first load and the LISTEN is not missed either.
 */
@Injectable()
export class GuardrailSync implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GuardrailSync.name);
  private readonly instanceId = randomUUID();
  private listener?: PgChangeListener;

  constructor(
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    private readonly store: GuardrailStore,
    private readonly registry: GuardrailRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.syncConfig(this.config.guardrails);
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
      subject: 'guardrail',
      logger: this.logger,
      reload: () => this.reload(),
    });
    await this.listener.start();
  }

  /** Called after every admin write: applies the change here now, then tells the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    if (isPostgresUrl(this.config.general.databaseUrl)) {
      await this.store.notify(CHANNEL, this.instanceId);
    }
  }

  /** Reloads are serialized so an older snapshot never overwrites a newer one. */
  readonly reload = serialized(async () => this.registry.replace(this.inDefinitionOrder(await this.store.states())));

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
    await this.listener?.stop();
  }
}
