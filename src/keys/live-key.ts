import type { KeyGuardrailPolicy } from '../guardrails/guardrail.selector';
import type { VirtualKeyEntity } from './virtual-key.entity';

/** A virtual key as the request path reads it: immutable, no secret, no hash. */
export interface LiveKey extends KeyGuardrailPolicy {
  readonly id: string;
  readonly alias: string;
  readonly team: string | null;
  /** Null: every model. */
  readonly models: ReadonlySet<string> | null;
  readonly enabled: boolean;
  /** Epoch milliseconds; null: never expires. */
  readonly expiresAt: number | null;
}

export function toLiveKey(row: VirtualKeyEntity): LiveKey {
  return Object.freeze({
    id: row.id,
    alias: row.alias,
    team: row.team,
    models: row.models.length > 0 ? new Set(row.models) : null,
    guardrails: Object.freeze([...row.guardrails]),
    allowRequestGuardrails: row.allowRequestGuardrails,
    enabled: row.enabled,
    expiresAt: row.expiresAt === null ? null : row.expiresAt.getTime(),
  });
}
