import { WardenError } from '../../common/warden.error';
import type { GuardrailSet } from '../../guardrails/guardrail.set';
import { parseQueryTime } from '../../violations/admin/query-time';
import { RESERVED_ALIASES } from './key.dto';

/** A key's settings, validated, as the store writes them. */
export interface KeySettings {
  alias: string;
  team: string | null;
  models: string[];
  guardrails: string[];
  allowRequestGuardrails: boolean;
  metadata: Record<string, unknown>;
  expiresAt: Date | null;
  enabled: boolean;
}

/** What a key may name: the configured public model names and the guardrails that exist now. */
export interface KeyVocabulary {
  modelNames: readonly string[];
  guardrails: GuardrailSet;
}

/** Checks settings against the vocabulary: every problem in one 400 that names the field and what is allowed. */
export function assertValidSettings(settings: KeySettings, vocabulary: KeyVocabulary): void {
  if (RESERVED_ALIASES.has(settings.alias)) {
    throw WardenError.invalidRequest(
      `key_alias "${settings.alias}" is reserved: the violation log uses it for calls without a virtual key; choose another.`,
      'key_alias',
    );
  }
  const unknownModels = settings.models.filter((model) => !vocabulary.modelNames.includes(model));
  if (unknownModels.length > 0) {
    throw WardenError.invalidRequest(
      `Unknown model${unknownModels.length > 1 ? 's' : ''} in models: ${unknownModels.join(', ')}. Models in model_list: ${vocabulary.modelNames.join(', ')}.`,
      'models',
    );
  }
  const unknownGuardrails = settings.guardrails.filter((name) => !vocabulary.guardrails.byName.has(name));
  if (unknownGuardrails.length > 0) {
    const known = [...vocabulary.guardrails.byName.keys()];
    throw WardenError.invalidRequest(
      `Unknown guardrail${unknownGuardrails.length > 1 ? 's' : ''} in guardrails: ${unknownGuardrails.join(', ')}. Configured guardrails: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
      'guardrails',
    );
  }
}

/** An RFC 3339 time (validated by the DTO) or null. */
export function expiryOf(value: string | null | undefined, fallback: Date | null): Date | null {
  if (value === undefined) {
    return fallback;
  }
  return value === null ? null : (parseQueryTime(value) ?? fallback);
}

/** Duplicates removed, order kept. */
export function uniqueNames(names: readonly string[] | undefined): string[] {
  return [...new Set((names ?? []).map((name) => name.trim()).filter((name) => name !== ''))];
}
