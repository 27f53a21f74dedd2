import { Injectable } from '@nestjs/common';
import { WardenError } from '../../common/warden.error';
import { KeysAdminService, settingsOf } from '../admin/keys-admin.service';
import { KeyStore } from '../key.store';
import type { VirtualKeyEntity } from '../virtual-key.entity';
import { generateKeyResponse, liteLlmKeyInfo, settingsFromLiteLlm } from './litellm-key-fields';
import type {
  BlockKeyRequestDto,
  DeleteKeysRequestDto,
  GenerateKeyRequestDto,
  KeyInfoQueryDto,
  KeyListQueryDto,
  RegenerateKeyRequestDto,
  UpdateKeyRequestDto,
} from './litellm-key.dto';

type Json = Record<string, unknown>;

/**
 * LiteLLM's `/key/*` routes over the same keys as `/admin/keys`, in LiteLLM's field names and shapes. Where LiteLLM
 * echoes a key it was sent, Warden answers with its hash: no secret leaves after creation.
 */
@Injectable()
export class LiteLlmKeysService {
  constructor(
    private readonly keys: KeysAdminService,
    private readonly store: KeyStore,
  ) {}

  async generate(dto: GenerateKeyRequestDto): Promise<Json> {
    const { row, secret } = await this.keys.createKey(settingsFromLiteLlm(dto, undefined, Date.now()), dto.key);
    return generateKeyResponse(this.keys.response(row), row.keyHash, secret);
  }

  async update(dto: UpdateKeyRequestDto): Promise<Json> {
    const row = await this.target(dto);
    const renamed = dto.key === undefined ? { ...dto, key_alias: undefined } : dto;
    const saved = await this.keys.updateKey(row, settingsFromLiteLlm(renamed, settingsOf(row), Date.now()));
    return { key: saved.keyHash, ...liteLlmKeyInfo(this.keys.response(saved), saved.keyHash) };
  }

  async regenerate(dto: RegenerateKeyRequestDto): Promise<Json> {
    if (dto.grace_period !== undefined && dto.grace_period !== null) {
      throw WardenError.invalidRequest(
        'grace_period is not supported: the old secret is refused as soon as the key is regenerated. Leave it out.',
        'grace_period',
      );
    }
    const row = await this.target(dto);
    const renamed = dto.key === undefined ? { ...dto, key_alias: undefined } : dto;
    const settings = settingsFromLiteLlm(renamed, settingsOf(row), Date.now());
    const { row: saved, secret } = await this.keys.regenerateKey(row, dto.new_key, settings);
    return generateKeyResponse(this.keys.response(saved), saved.keyHash, secret);
  }

  /** All named keys are found first (404 if one is missing), then deleted; answers their hashes and aliases. */
  async delete(dto: DeleteKeysRequestDto): Promise<Json> {
    const byKey = await Promise.all((dto.keys ?? []).map((key) => this.keys.findByKeyOr404(key)));
    const byAlias = await Promise.all((dto.key_aliases ?? []).map((alias) => this.keys.findByAliasOr404(alias)));
    if (byKey.length + byAlias.length === 0) {
      throw WardenError.invalidRequest('Send keys (secrets or hashes) or key_aliases to delete.', 'keys');
    }
    for (const row of unique([...byKey, ...byAlias])) {
      await this.keys.removeKey(row);
    }
    return { deleted_keys: [...byKey.map((row) => row.keyHash), ...byAlias.map((row) => row.alias)] };
  }

  async info(query: KeyInfoQueryDto): Promise<Json> {
    const row = await this.keys.findByKeyOr404(query.key);
    return { key: row.keyHash, info: liteLlmKeyInfo(this.keys.response(row), row.keyHash) };
  }

  async list(query: KeyListQueryDto): Promise<Json> {
    const size = query.size ?? 10;
    const page = query.page ?? 1;
    const rows = (await this.store.list()).filter(
      (row) =>
        (query.team_id === undefined || row.team === query.team_id) &&
        (query.key_alias === undefined || row.alias === query.key_alias) &&
        (query.key_hash === undefined || row.keyHash === query.key_hash),
    );
    const pageRows = rows.slice((page - 1) * size, page * size);
    return {
      keys:
        query.return_full_object === 'true'
          ? pageRows.map((row) => liteLlmKeyInfo(this.keys.response(row), row.keyHash))
          : pageRows.map((row) => row.keyHash),
      total_count: rows.length,
      current_page: page,
      total_pages: Math.ceil(rows.length / size),
    };
  }

  async setBlocked(dto: BlockKeyRequestDto, blocked: boolean): Promise<Json> {
    const row = await this.keys.findByKeyOr404(dto.key);
    const saved = await this.keys.updateKey(row, { ...settingsOf(row), enabled: !blocked });
    return liteLlmKeyInfo(this.keys.response(saved), saved.keyHash);
  }

  /** `key` (secret or hash) names the key, else `key_alias`. */
  private target(dto: UpdateKeyRequestDto): Promise<VirtualKeyEntity> {
    if (dto.key !== undefined) {
      return this.keys.findByKeyOr404(dto.key);
    }
    if (dto.key_alias !== undefined) {
      return this.keys.findByAliasOr404(dto.key_alias);
    }
    throw WardenError.invalidRequest('Send key (the secret or its hash) or key_alias to name the key.', 'key');
  }
}

function unique(rows: readonly VirtualKeyEntity[]): VirtualKeyEntity[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}
