import { Injectable } from '@nestjs/common';
import { WardenError } from '../common/warden.error';
import { isPlainObject } from '../config/config.env';
import type { GuardrailEntity, GuardrailSource } from '../guardrails/guardrail.entity';
import { GuardrailStore } from '../guardrails/guardrail.store';
import { GuardrailSync } from '../guardrails/guardrail.sync';
import type { GuardrailDefinition } from '../guardrails/guardrail.types';
import { mergeLitellmParams, toGuardrailEntry } from './guardrail-entry';
import { validateGuardrailEntry } from './guardrail-entry.validator';
import { findGuardrailOr404 } from './guardrail-lookup';
import type { CreateGuardrailDto, GuardrailListDto, GuardrailResponseDto, UpdateGuardrailDto } from './guardrail.dto';
import { maskSecrets, restoreUnchangedSecrets } from './secret-mask.util';
import { isUniqueViolation } from './unique-violation';

/** Concurrent edits of one guardrail are merged again over each other this many times before a 409. */
const MAX_EDIT_ATTEMPTS = 5;

function gone(id: string): WardenError {
  return WardenError.notFound(`Guardrail ${id} was deleted meanwhile; list them with GET /admin/guardrails.`);
}

/**
 * Guardrails managed at runtime. Every write is validated by config.yaml's own parser, stored, and applied through
 * GuardrailSync before the answer goes out, so the next chat request on this instance already sees it.
 */
@Injectable()
export class GuardrailsAdminService {
  constructor(
    private readonly store: GuardrailStore,
    private readonly sync: GuardrailSync,
  ) {}

  async list(): Promise<GuardrailResponseDto[]> {
    const rows = await this.store.list();
    return rows.map((row) => this.map(row));
  }

  async get(id: string): Promise<GuardrailResponseDto> {
    return this.map(await findGuardrailOr404(this.store, id));
  }

  async create(dto: CreateGuardrailDto): Promise<GuardrailResponseDto> {
    const definition = validateGuardrailEntry({
      guardrail_name: dto.guardrail_name,
      litellm_params: dto.litellm_params,
    });
    await this.assertNameFree(definition.name);
    const row = await this.store.create(definition, dto.enabled ?? true).catch(duplicateAsConflict(definition));
    await this.sync.changed();
    return this.map(row);
  }

  async update(id: string, dto: UpdateGuardrailDto): Promise<GuardrailResponseDto> {
    if (dto.litellm_params !== undefined && !isPlainObject(dto.litellm_params)) {
      // Only a mapping (or leaving the field out) means anything here; the DTO lets the value through to be checked.
      throw WardenError.invalidRequest(
        'litellm_params must be a mapping of the keys to change (null as a key value removes that key)',
        'litellm_params',
      );
    }
    // Read, merge and write against the version read; a concurrent write moves the version on and this edit is
    // merged again over the new state (a deleted guardrail then answers 404 instead of coming back).
    // The first read resolves a name to the row's id, so a concurrent rename cannot send a retry to another guardrail.
    let key = id;
    for (let attempt = 1; ; attempt += 1) {
      const row = await findGuardrailOr404(this.store, key);
      key = row.id;
      assertEditable(row, 'edit');
      const stored = toGuardrailEntry(row).litellm_params;
      const definition = validateGuardrailEntry({
        guardrail_name: dto.guardrail_name ?? row.name,
        litellm_params:
          dto.litellm_params === undefined
            ? stored
            : mergeLitellmParams(stored, restoreUnchangedSecrets(dto.litellm_params, stored)),
      });
      if (definition.name !== row.name) {
        await this.assertNameFree(definition.name);
      }
      row.enabled = dto.enabled ?? row.enabled;
      const saved = await this.store.update(row, definition).catch(duplicateAsConflict(definition));
      if (saved) {
        await this.sync.changed();
        return this.map(saved);
      }
      if (attempt === MAX_EDIT_ATTEMPTS) {
        throw WardenError.conflict(`guardrail ${row.name} kept changing while this edit was applied; send it again`);
      }
    }
  }

  async remove(id: string): Promise<GuardrailResponseDto> {
    const row = await findGuardrailOr404(this.store, id);
    assertEditable(row, 'delete');
    const response = this.map(row);
    if (!(await this.store.remove(row))) {
      throw gone(id);
    }
    await this.sync.changed();
    return response;
  }

  /** Allowed on config guardrails too: the flag is stored and kept when config.yaml is synced at startup. */
  async setEnabled(id: string, enabled: boolean): Promise<GuardrailResponseDto> {
    const row = await findGuardrailOr404(this.store, id);
    const saved = await this.store.setEnabled(row, enabled);
    if (!saved) {
      throw gone(id);
    }
    await this.sync.changed();
    return this.map(saved);
  }

  /** LiteLLM's `GET /guardrails/list`: every guardrail, secrets masked. */
  async listLiteLlmShape(): Promise<GuardrailListDto> {
    const guardrails = await this.list();
    return {
      guardrails: guardrails.map(({ guardrail_name, litellm_params, id, enabled, source }) => ({
        guardrail_name,
        litellm_params,
        guardrail_info: { id, enabled, source },
      })),
    };
  }

  private async assertNameFree(name: string): Promise<void> {
    const existing = await this.store.findByName(name);
    if (existing) {
      throw nameTaken(name, existing.source);
    }
  }

  /** The one place a stored guardrail becomes a response: config-entry shape, secrets masked. */
  private map(row: GuardrailEntity): GuardrailResponseDto {
    const entry = toGuardrailEntry(row);
    return {
      id: row.id,
      guardrail_name: entry.guardrail_name,
      litellm_params: maskSecrets(entry.litellm_params),
      enabled: row.enabled,
      source: row.source,
      created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
    };
  }
}

function assertEditable(row: GuardrailEntity, action: 'edit' | 'delete'): void {
  if (row.source === 'config') {
    throw WardenError.conflict(
      `Guardrail "${row.name}" is defined in config.yaml; ${action} it there and restart (the admin API can only ` +
        `enable or disable it).`,
    );
  }
}

function nameTaken(name: string, source?: GuardrailSource): WardenError {
  const where =
    source === undefined ? '' : source === 'config' ? ' (defined in config.yaml)' : ' (created through the API)';
  return WardenError.conflict(`A guardrail named "${name}" already exists${where}; choose another name.`);
}

/** Two writers racing for one name: the database's unique index decides, and the loser gets the same 409. */
function duplicateAsConflict(definition: GuardrailDefinition): (error: unknown) => never {
  return (error: unknown) => {
    if (isUniqueViolation(error)) {
      throw nameTaken(definition.name);
    }
    throw error;
  };
}
