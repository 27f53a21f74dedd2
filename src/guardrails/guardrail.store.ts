import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, type Repository } from 'typeorm';
import { WardenError } from '../common/warden.error';
import { WARDEN_CONFIG } from '../config/config.module';
import type { WardenConfig } from '../config/config.schema';
import { GuardrailEntity, type GuardrailSource } from './guardrail.entity';
import type { GuardrailState } from './guardrail.registry';
import type { GuardrailDefinition, GuardrailKind, GuardrailMode, OnError, OnFlagged } from './guardrail.types';
import { isSealed, SecretBox } from './secret-box';
import { mapSecretValues } from './secret-fields';

/**
 * Guardrail rows in the database, and their translation to and from definitions. With `general_settings.salt_key`
 * set, secret parameters are sealed (AES-256-GCM) in the database and open only in memory: every row this store
 * returns holds plaintext, every row it writes holds ciphertext.
 */
@Injectable()
export class GuardrailStore {
  private readonly logger = new Logger('GuardrailStore');
  private readonly box?: SecretBox;
  private readonly rotating: boolean;

  constructor(
    @InjectRepository(GuardrailEntity) private readonly repository: Repository<GuardrailEntity>,
    @Inject(WARDEN_CONFIG) config: WardenConfig,
  ) {
    const { saltKey, previousSaltKey } = config.general;
    this.box = saltKey === undefined ? undefined : new SecretBox(saltKey, previousSaltKey);
    this.rotating = previousSaltKey !== undefined;
  }

  /**
   * Upserts config.yaml's guardrails (source `config`), keeping each one's stored enabled flag, and removes config
   * rows that are no longer in the file. API-created guardrails are left alone unless the file now claims the name,
   * except that, with a salt key, secrets stored before it was set, or under the previous salt key, are sealed again
   * under the current one.
   */
  async syncConfig(definitions: readonly GuardrailDefinition[]): Promise<void> {
    let stale = new Set<string>();
    await this.repository.manager.transaction(async (manager) => {
      const repository = manager.getRepository(GuardrailEntity);
      const rows = await repository.find();
      stale = new Set(rows.filter((row) => this.hasStaleSecret(row.params)).map((row) => row.id));
      // Opened before anything is written: a start with no salt key, or the wrong one, fails here and rewrites nothing.
      const byName = new Map(rows.map((row) => [row.name, this.opened(row)]));
      const names = definitions.map((d) => d.name);
      await repository.delete(names.length > 0 ? { source: 'config', name: Not(In(names)) } : { source: 'config' });
      for (const definition of definitions) {
        const row = byName.get(definition.name) ?? repository.create({ id: randomUUID(), enabled: true });
        byName.delete(definition.name);
        await this.saveDefinition(repository, row, definition, 'config');
      }
      if (this.box) {
        for (const row of byName.values()) {
          if (row.source === 'api' && stale.has(row.id)) {
            await this.saveDefinition(repository, row, toDefinition(row), row.source);
          }
        }
      }
    });
    if (this.box && stale.size > 0) {
      this.logger.log(
        `sealed the secrets of ${stale.size} stored guardrail(s) under the current salt_key` +
          (this.rotating ? '; remove previous_salt_key once every instance runs with the new salt_key' : ''),
      );
    }
  }

  async states(): Promise<GuardrailState[]> {
    const rows = await this.list();
    return rows.map((row) => ({ definition: toDefinition(row), enabled: row.enabled, version: row.version }));
  }

  async list(): Promise<GuardrailEntity[]> {
    const rows = await this.repository.find({ order: { createdAt: 'ASC', name: 'ASC' } });
    return rows.map((row) => this.opened(row));
  }

  async findById(id: string): Promise<GuardrailEntity | null> {
    const row = await this.repository.findOneBy({ id });
    return row && this.opened(row);
  }

  async findByName(name: string): Promise<GuardrailEntity | null> {
    const row = await this.repository.findOneBy({ name });
    return row && this.opened(row);
  }

  async create(definition: GuardrailDefinition, enabled: boolean): Promise<GuardrailEntity> {
    // Set here, not by the column default: SQLite's datetime('now') has whole seconds, and creation order decides
    // the order masks apply in.
    const now = new Date();
    const row = this.repository.create({ id: randomUUID(), enabled, createdAt: now, updatedAt: now });
    return this.saveDefinition(this.repository, row, definition, 'api');
  }

  /**
   * Writes `definition` (and `row.enabled`) over the row as it was read. Undefined when another write changed or
   * deleted it since (its version moved on): the caller reads it again, so no edit is lost and none resurrects a
   * deleted guardrail.
   */
  async update(row: GuardrailEntity, definition: GuardrailDefinition): Promise<GuardrailEntity | undefined> {
    const next = this.repository.create({ ...row });
    applyDefinition(next, definition, row.source);
    const result = await this.repository
      .createQueryBuilder()
      .update(GuardrailEntity)
      .set({
        name: next.name,
        provider: next.provider,
        modes: next.modes,
        onFlagged: next.onFlagged,
        onError: next.onError,
        defaultOn: next.defaultOn,
        enabled: row.enabled,
        timeoutMs: next.timeoutMs,
        // The query builder types a JSON column's value as a partial entity; a plain object is what it stores.
        params: this.sealed(next.params) as object,
        // Set here rather than by CURRENT_TIMESTAMP, which has whole seconds on SQLite.
        updatedAt: new Date(),
      })
      .where('id = :id AND version = :version', { id: row.id, version: row.version })
      .execute();
    return result.affected ? ((await this.findById(row.id)) ?? undefined) : undefined;
  }

  /** Writes the flag alone, so a row read with open secrets is never written back as it is. Undefined once deleted. */
  async setEnabled(row: GuardrailEntity, enabled: boolean): Promise<GuardrailEntity | undefined> {
    const result = await this.repository.update({ id: row.id }, { enabled, updatedAt: new Date() });
    return result.affected ? ((await this.findById(row.id)) ?? undefined) : undefined;
  }

  /** False when the row was already gone. */
  async remove(row: GuardrailEntity): Promise<boolean> {
    const result = await this.repository.delete({ id: row.id });
    return Boolean(result.affected);
  }

  /** PostgreSQL only: tells the other instances sharing this database that guardrails changed. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.repository.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** Saves the row with `definition`, its secrets sealed in the database; the row returned holds them open. */
  private async saveDefinition(
    repository: Repository<GuardrailEntity>,
    row: GuardrailEntity,
    definition: GuardrailDefinition,
    source: GuardrailSource,
  ): Promise<GuardrailEntity> {
    applyDefinition(row, definition, source);
    row.params = this.sealed(row.params);
    const saved = await repository.save(row);
    saved.params = { ...definition.params };
    return saved;
  }

  /** Params as stored: secret values sealed when a salt key is set. */
  private sealed(params: Record<string, unknown>): Record<string, unknown> {
    const box = this.box;
    return mapSecretValues(params, (value, path) => {
      if (typeof value !== 'string') {
        // Credentials are strings; a number or a flag under a secret name is kept as it is.
        return value;
      }
      if (box) {
        return box.seal(value);
      }
      if (isSealed(value)) {
        // Stored as given, it would read back as an encrypted value that cannot be opened.
        throw WardenError.invalidRequest(
          `litellm_params.${path} cannot start with "enc:v1:", the prefix of values Warden encrypted`,
          `litellm_params.${path}`,
        );
      }
      return value;
    });
  }

  /** A secret stored in plaintext, or under the previous salt key: with a salt key it is sealed again at start. */
  private hasStaleSecret(params: Readonly<Record<string, unknown>>): boolean {
    let found = false;
    mapSecretValues(params, (value) => {
      found ||= typeof value === 'string' && (!isSealed(value) || this.box?.sealedWithPreviousKey(value) === true);
      return value;
    });
    return found;
  }

  private opened(row: GuardrailEntity): GuardrailEntity {
    row.params = mapSecretValues(row.params, (value, path) => {
      if (!isSealed(value)) {
        return value;
      }
      if (!this.box) {
        throw new Error(
          `guardrail "${row.name}": litellm_params.${path} is encrypted in the database; set general_settings.salt_key ` +
            '(or WARDEN_SALT_KEY) to the key it was stored with',
        );
      }
      try {
        return this.box.open(value);
      } catch {
        throw new Error(
          `guardrail "${row.name}": litellm_params.${path} cannot be decrypted with the configured salt_key; it was ` +
            'stored with another key (set general_settings.salt_key to that one, or, to rotate, set it as ' +
            'general_settings.previous_salt_key / WARDEN_PREVIOUS_SALT_KEY next to the new salt_key)',
        );
      }
    });
    return row;
  }
}

function applyDefinition(row: GuardrailEntity, definition: GuardrailDefinition, source: GuardrailSource): void {
  row.name = definition.name;
  row.provider = definition.kind;
  row.modes = [...definition.modes];
  row.onFlagged = definition.onFlagged;
  row.onError = definition.onError;
  row.defaultOn = definition.defaultOn;
  row.timeoutMs = definition.timeoutMs;
  row.params = { ...definition.params };
  row.source = source;
}

export function toDefinition(row: GuardrailEntity): GuardrailDefinition {
  return Object.freeze({
    name: row.name,
    kind: row.provider as GuardrailKind,
    modes: row.modes as GuardrailMode[],
    onFlagged: row.onFlagged as OnFlagged,
    onError: row.onError as OnError,
    defaultOn: row.defaultOn,
    timeoutMs: row.timeoutMs,
    params: Object.freeze({ ...row.params }),
  });
}
