import { WardenError } from '../common/warden.error';
import type { GuardrailEntity } from '../guardrails/guardrail.entity';
import type { GuardrailStore } from '../guardrails/guardrail.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stored guardrail named by `key`, its id or its `guardrail_name` (`/admin/guardrails/lakera-guard`): an id is
 * looked up first, then a name. 404 for an unknown one (never a database error).
 */
export async function findGuardrailOr404(store: GuardrailStore, key: string): Promise<GuardrailEntity> {
  const row = (UUID.test(key) ? await store.findById(key) : null) ?? (await store.findByName(key));
  if (!row) {
    throw WardenError.notFound(
      `No guardrail with id or name ${JSON.stringify(key.slice(0, 64))}; list them with GET /admin/guardrails.`,
    );
  }
  return row;
}
