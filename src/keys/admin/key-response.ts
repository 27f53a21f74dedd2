import type { GuardrailSet } from '../../guardrails/guardrail.set';
import type { VirtualKeyEntity } from '../virtual-key.entity';
import type { CreatedKeyResponseDto, GuardrailState, KeyResponseDto } from './key.dto';

/** The one place a stored key becomes a response: no secret, no hash; each guardrail with whether it runs now. */
export function toKeyResponse(row: VirtualKeyEntity, guardrails: GuardrailSet, now: number): KeyResponseDto {
  return {
    id: row.id,
    key_alias: row.alias,
    key_name: row.keyName,
    team: row.team,
    models: [...row.models],
    guardrails: [...row.guardrails],
    guardrail_status: row.guardrails.map((name) => ({ name, status: guardrailState(guardrails, name) })),
    allow_request_guardrails: row.allowRequestGuardrails,
    metadata: { ...row.metadata },
    enabled: row.enabled,
    expires_at: row.expiresAt?.toISOString() ?? null,
    expired: row.expiresAt !== null && row.expiresAt.getTime() <= now,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function withSecret(response: KeyResponseDto, secret: string): CreatedKeyResponseDto {
  return { key: secret, ...response };
}

function guardrailState(guardrails: GuardrailSet, name: string): GuardrailState {
  const live = guardrails.byName.get(name);
  return live === undefined ? 'deleted' : live.enabled ? 'active' : 'disabled';
}
