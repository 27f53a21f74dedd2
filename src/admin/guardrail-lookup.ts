import { WardenError } from '../common/warden.error';
import type { GuardrailEntity } from '../guardrails/guardrail.entity';
import type { GuardrailStore } from '../guardrails/guardrail.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored guardrail with this id; 404 for an unknown or malformed id (never a database error). */
export async function findGuardrailOr404(store: GuardrailStore, id: string): Promise<GuardrailEntity> {
  const row = UUID.test(id) ? await store.findById(id) : null;
  if (!row) {
    throw WardenError.notFound(
      `No guardrail with id ${JSON.stringify(id.slice(0, 64))}; list them with GET /admin/guardrails.`,
    );
  }
  return row;
}
