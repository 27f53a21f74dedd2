import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../../admin/unique-violation';
import { WardenError } from '../../common/warden.error';
import { WARDEN_CONFIG } from '../../config/config.module';
import type { WardenConfig } from '../../config/config.schema';
import { GuardrailRegistry } from '../../guardrails/guardrail.registry';
import { hashOfKeyOrHash, hashSecret, MIN_CHOSEN_SECRET_LENGTH, newSecret, secretPreview } from '../key-secret';
import { KeyStore } from '../key.store';
import { KeySync } from '../key.sync';
import type { VirtualKeyEntity } from '../virtual-key.entity';
import { assertValidSettings, expiryOf, uniqueNames, type KeySettings } from './key-input';
import { toKeyResponse, withSecret } from './key-response';
import type { CreateKeyDto, CreatedKeyResponseDto, KeyResponseDto, UpdateKeyDto } from './key.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Virtual keys: every write is validated against the configured models and guardrails, stored (the secret's hash
 * only), and applied through KeySync before the answer goes out, so this instance refuses a disabled, regenerated
 * or deleted key from the next request on. The LiteLLM `/key/*` routes use the same row-level methods.
 */
@Injectable()
export class KeysAdminService {
  private readonly modelNames: readonly string[];

  constructor(
    private readonly store: KeyStore,
    private readonly sync: KeySync,
    private readonly guardrails: GuardrailRegistry,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
  ) {
    this.modelNames = [...new Set(config.models.map((model) => model.modelName))];
  }

  async list(): Promise<KeyResponseDto[]> {
    return (await this.store.list()).map((row) => this.response(row));
  }

  async get(id: string): Promise<KeyResponseDto> {
    return this.response(await this.findByIdOr404(id));
  }

  async create(dto: CreateKeyDto): Promise<CreatedKeyResponseDto> {
    const { row, secret } = await this.createKey({
      alias: dto.key_alias,
      team: dto.team ?? null,
      models: uniqueNames(dto.models),
      guardrails: uniqueNames(dto.guardrails),
      allowRequestGuardrails: dto.allow_request_guardrails ?? true,
      metadata: dto.metadata ?? {},
      expiresAt: expiryOf(dto.expires_at, null),
      enabled: dto.enabled ?? true,
    });
    return withSecret(this.response(row), secret);
  }

  async update(id: string, dto: UpdateKeyDto): Promise<KeyResponseDto> {
    const row = await this.findByIdOr404(id);
    const current = settingsOf(row);
    const saved = await this.updateKey(row, {
      alias: dto.key_alias ?? current.alias,
      team: dto.team === undefined ? current.team : dto.team,
      models: dto.models === undefined ? current.models : uniqueNames(dto.models),
      guardrails: dto.guardrails === undefined ? current.guardrails : uniqueNames(dto.guardrails),
      allowRequestGuardrails: dto.allow_request_guardrails ?? current.allowRequestGuardrails,
      metadata: dto.metadata ?? current.metadata,
      expiresAt: expiryOf(dto.expires_at, current.expiresAt),
      enabled: dto.enabled ?? current.enabled,
    });
    return this.response(saved);
  }

  async remove(id: string): Promise<KeyResponseDto> {
    return this.response(await this.removeKey(await this.findByIdOr404(id)));
  }

  async setEnabled(id: string, enabled: boolean): Promise<KeyResponseDto> {
    const row = await this.findByIdOr404(id);
    return this.response(await this.updateKey(row, { ...settingsOf(row), enabled }));
  }

  async regenerate(id: string): Promise<CreatedKeyResponseDto> {
    const { row, secret } = await this.regenerateKey(await this.findByIdOr404(id));
    return withSecret(this.response(row), secret);
  }

  async findByIdOr404(id: string): Promise<VirtualKeyEntity> {
    const row = UUID.test(id) ? await this.store.findById(id) : null;
    if (!row) {
      throw WardenError.notFound(
        `No virtual key with id ${JSON.stringify(id.slice(0, 64))}; list them with GET /admin/keys.`,
      );
    }
    return row;
  }

  /** By the secret or its SHA-256 (LiteLLM's routes accept either); the 404 never repeats what was sent. */
  async findByKeyOr404(keyOrHash: string): Promise<VirtualKeyEntity> {
    const row = await this.store.findByHash(hashOfKeyOrHash(keyOrHash));
    if (!row) {
      throw WardenError.notFound(
        'Key not found: no virtual key has this secret or hash; list them with GET /key/list.',
      );
    }
    return row;
  }

  async findByAliasOr404(alias: string): Promise<VirtualKeyEntity> {
    const row = await this.store.findByAlias(alias);
    if (!row) {
      throw WardenError.notFound(`No virtual key with key_alias ${JSON.stringify(alias.slice(0, 128))}.`);
    }
    return row;
  }

  async createKey(settings: KeySettings, chosen?: string): Promise<{ row: VirtualKeyEntity; secret: string }> {
    this.assertValid(settings);
    await this.assertAliasFree(settings.alias);
    const secret = chosen === undefined ? newSecret() : this.checkedChosenSecret(chosen);
    const row = await this.store
      .create({ id: randomUUID(), keyHash: hashSecret(secret), keyName: secretPreview(secret), ...settings })
      .catch(duplicateAsConflict(settings.alias));
    await this.sync.changed();
    return { row, secret };
  }

  async updateKey(row: VirtualKeyEntity, settings: KeySettings): Promise<VirtualKeyEntity> {
    this.assertValid(settings);
    if (settings.alias !== row.alias) {
      await this.assertAliasFree(settings.alias);
    }
    const saved = await this.store.update(row.id, settings).catch(duplicateAsConflict(settings.alias));
    return this.applied(saved, row);
  }

  /** A new secret, same settings: the old secret is refused from the next request on. */
  async regenerateKey(
    row: VirtualKeyEntity,
    chosen?: string,
    settings: KeySettings = settingsOf(row),
  ): Promise<{ row: VirtualKeyEntity; secret: string }> {
    this.assertValid(settings);
    if (settings.alias !== row.alias) {
      await this.assertAliasFree(settings.alias);
    }
    const secret = chosen === undefined ? newSecret() : this.checkedChosenSecret(chosen);
    const saved = await this.store
      .update(row.id, { ...settings, keyHash: hashSecret(secret), keyName: secretPreview(secret) })
      .catch(duplicateAsConflict(settings.alias));
    return { row: await this.applied(saved, row), secret };
  }

  async removeKey(row: VirtualKeyEntity): Promise<VirtualKeyEntity> {
    if (!(await this.store.remove(row.id))) {
      throw gone(row);
    }
    await this.sync.changed();
    return row;
  }

  response(row: VirtualKeyEntity): KeyResponseDto {
    return toKeyResponse(row, this.guardrails.snapshot(), Date.now());
  }

  private async applied(saved: VirtualKeyEntity | undefined, row: VirtualKeyEntity): Promise<VirtualKeyEntity> {
    if (!saved) {
      throw gone(row);
    }
    await this.sync.changed();
    return saved;
  }

  private assertValid(settings: KeySettings): void {
    assertValidSettings(settings, { modelNames: this.modelNames, guardrails: this.guardrails.snapshot() });
  }

  private async assertAliasFree(alias: string): Promise<void> {
    if (await this.store.findByAlias(alias)) {
      throw aliasTaken(alias);
    }
  }

  /** A secret the caller chose: long enough, LiteLLM's `sk-` form, and never the master key. */
  private checkedChosenSecret(secret: string): string {
    if (!secret.startsWith('sk-') || secret.length < MIN_CHOSEN_SECRET_LENGTH || /\s/.test(secret)) {
      throw WardenError.invalidRequest(
        `A chosen key must start with "sk-", be at least ${MIN_CHOSEN_SECRET_LENGTH} characters long and hold no spaces; leave it out to get a random one.`,
        'key',
      );
    }
    if (this.config.general.masterKey !== undefined && secret === this.config.general.masterKey) {
      throw WardenError.invalidRequest(
        'A virtual key cannot be the master key; choose another or leave it out.',
        'key',
      );
    }
    return secret;
  }
}

export function settingsOf(row: VirtualKeyEntity): KeySettings {
  return {
    alias: row.alias,
    team: row.team,
    models: [...row.models],
    guardrails: [...row.guardrails],
    allowRequestGuardrails: row.allowRequestGuardrails,
    metadata: { ...row.metadata },
    expiresAt: row.expiresAt,
    enabled: row.enabled,
  };
}

function gone(row: VirtualKeyEntity): WardenError {
  return WardenError.notFound(`Virtual key ${row.alias} was deleted meanwhile.`);
}

function aliasTaken(alias: string): WardenError {
  return WardenError.conflict(`A virtual key with key_alias "${alias}" already exists; choose another alias.`);
}

/** A unique index decides races: on the alias, or (a chosen secret already in use) on the hash. */
function duplicateAsConflict(alias: string): (error: unknown) => never {
  return (error: unknown) => {
    if (isUniqueViolation(error)) {
      const detail = (error as { driverError?: { detail?: unknown } }).driverError?.detail;
      throw /key_hash/i.test(`${(error as Error).message} ${typeof detail === 'string' ? detail : ''}`)
        ? WardenError.conflict('This key is already in use; choose another or leave it out to get a random one.')
        : aliasTaken(alias);
    }
    throw error;
  };
}
