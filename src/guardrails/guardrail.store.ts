import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, type Repository } from 'typeorm';
import { GuardrailEntity, type GuardrailSource } from './guardrail.entity';
import type { GuardrailState } from './guardrail.registry';
import type { GuardrailDefinition, GuardrailKind, GuardrailMode, OnError, OnFlagged } from './guardrail.types';

/** Guardrail rows in the database, and their translation to and from definitions. */
@Injectable()
export class GuardrailStore {
  constructor(@InjectRepository(GuardrailEntity) private readonly repository: Repository<GuardrailEntity>) {}

  /**
   * Upserts config.yaml's guardrails (source `config`), keeping each one's stored enabled flag, and removes config
   * rows that are no longer in the file. API-created guardrails are left alone unless the file now claims the name.
   */
  async syncConfig(definitions: readonly GuardrailDefinition[]): Promise<void> {
    await this.repository.manager.transaction(async (manager) => {
      const repository = manager.getRepository(GuardrailEntity);
      const names = definitions.map((d) => d.name);
      await repository.delete(names.length > 0 ? { source: 'config', name: Not(In(names)) } : { source: 'config' });
      for (const definition of definitions) {
        const existing = await repository.findOneBy({ name: definition.name });
        const row = existing ?? repository.create({ id: randomUUID(), enabled: true });
        applyDefinition(row, definition, 'config');
        await repository.save(row);
      }
    });
  }

  async states(): Promise<GuardrailState[]> {
    const rows = await this.repository.find({ order: { createdAt: 'ASC', name: 'ASC' } });
    return rows.map((row) => ({ definition: toDefinition(row), enabled: row.enabled }));
  }

  list(): Promise<GuardrailEntity[]> {
    return this.repository.find({ order: { createdAt: 'ASC', name: 'ASC' } });
  }

  findById(id: string): Promise<GuardrailEntity | null> {
    return this.repository.findOneBy({ id });
  }

  findByName(name: string): Promise<GuardrailEntity | null> {
    return this.repository.findOneBy({ name });
  }

  async create(definition: GuardrailDefinition, enabled: boolean): Promise<GuardrailEntity> {
    const row = this.repository.create({ id: randomUUID(), enabled });
    applyDefinition(row, definition, 'api');
    return this.repository.save(row);
  }

  async update(row: GuardrailEntity, definition: GuardrailDefinition): Promise<GuardrailEntity> {
    applyDefinition(row, definition, row.source);
    return this.repository.save(row);
  }

  async setEnabled(row: GuardrailEntity, enabled: boolean): Promise<GuardrailEntity> {
    row.enabled = enabled;
    return this.repository.save(row);
  }

  async remove(row: GuardrailEntity): Promise<void> {
    await this.repository.delete({ id: row.id });
  }

  /** PostgreSQL only: tells the other instances sharing this database that guardrails changed. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.repository.query('SELECT pg_notify($1, $2)', [channel, payload]);
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
