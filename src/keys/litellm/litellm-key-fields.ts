import { randomBytes } from 'node:crypto';
import { WardenError } from '../../common/warden.error';
import { uniqueNames, type KeySettings } from '../admin/key-input';
import type { KeyResponseDto } from '../admin/key.dto';
import type { LiteLlmKeyFieldsDto } from './litellm-key.dto';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * LiteLLM's key fields as Warden settings, over `base` (the stored key on update; nothing on generate). As in
 * LiteLLM, `metadata` replaces the stored object, `guardrails` may come inside it, `blocked` is the inverse of
 * enabled and `duration` counts from now.
 */
export function settingsFromLiteLlm(dto: LiteLlmKeyFieldsDto, base: KeySettings | undefined, now: number): KeySettings {
  if (dto.disable_global_guardrails === true) {
    throw WardenError.invalidRequest(
      'disable_global_guardrails: true is not supported: in Warden no key can opt out of default_on guardrails ' +
        '(turn a guardrail off globally instead). Send false or leave it out.',
      'disable_global_guardrails',
    );
  }
  if (dto.permissions !== undefined && dto.permissions !== null && Object.keys(dto.permissions).length > 0) {
    throw WardenError.invalidRequest(
      'permissions is not supported: nothing on a Warden key switches a guardrail off. Send {} or leave it out.',
      'permissions',
    );
  }
  const { guardrails: metadataGuardrails, ...metadata } = dto.metadata ?? base?.metadata ?? {};
  return {
    alias: dto.key_alias ?? base?.alias ?? `key-${randomBytes(4).toString('hex')}`,
    team: dto.team_id === undefined ? (base?.team ?? null) : dto.team_id,
    models: dto.models === undefined ? (base?.models ?? []) : uniqueNames(dto.models),
    guardrails: uniqueNames(dto.guardrails ?? guardrailList(metadataGuardrails) ?? base?.guardrails),
    allowRequestGuardrails: dto.allow_request_guardrails ?? base?.allowRequestGuardrails ?? true,
    metadata,
    expiresAt: dto.duration === undefined ? (base?.expiresAt ?? null) : expiryFromDuration(dto.duration, now),
    enabled: dto.blocked === undefined ? (base?.enabled ?? true) : !dto.blocked,
  };
}

function guardrailList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) {
    throw WardenError.invalidRequest('metadata.guardrails must be a list of guardrail names', 'metadata.guardrails');
  }
  return value;
}

export function expiryFromDuration(duration: string | number | null, now: number): Date | null {
  if (duration === null || duration === -1 || duration === '-1') {
    return null;
  }
  const match = typeof duration === 'string' ? /^(\d+)([smhdw])$/.exec(duration) : null;
  if (!match) {
    throw WardenError.invalidRequest('duration must be like 30s, 30m, 30h, 30d or 4w; null or -1: never', 'duration');
  }
  return new Date(now + Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/** A key in LiteLLM's response shape: the hash as `token`, guardrails at top level and in metadata, `blocked`. */
export function liteLlmKeyInfo(key: KeyResponseDto, keyHash: string): Record<string, unknown> {
  return {
    token: keyHash,
    key_name: key.key_name,
    key_alias: key.key_alias,
    expires: key.expires_at,
    models: key.models,
    guardrails: key.guardrails,
    metadata: { ...key.metadata, guardrails: key.guardrails },
    team_id: key.team,
    blocked: !key.enabled,
    allow_request_guardrails: key.allow_request_guardrails,
    guardrail_status: key.guardrail_status,
    disable_global_guardrails: false,
    warden_key_id: key.id,
    created_at: key.created_at,
    updated_at: key.updated_at,
  };
}

/** `/key/generate` and `/key/regenerate`: LiteLLM's GenerateKeyResponse, the secret in `key` (this once only). */
export function generateKeyResponse(key: KeyResponseDto, keyHash: string, secret: string): Record<string, unknown> {
  const { token, ...info } = liteLlmKeyInfo(key, keyHash);
  return { key: secret, token_id: token, ...info };
}
