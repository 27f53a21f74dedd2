import { APORIA_SPEC } from './aporia/aporia.spec';
import { AZURE_PROMPT_SHIELD_SPEC, AZURE_TEXT_MODERATIONS_SPEC } from './azure-content-safety/azure.spec';
import { BEDROCK_SPEC } from './bedrock/bedrock.spec';
import { GENERIC_GUARDRAIL_API_SPEC } from './generic-guardrail-api/generic-guardrail-api.spec';
import { LAKERA_V1_SPEC, LAKERA_V2_SPEC } from './lakera/lakera.spec';
import { MODEL_ARMOR_SPEC } from './model-armor/model-armor.spec';
import { OPENAI_MODERATION_SPEC } from './openai-moderation/openai-moderation.spec';
import { PRESIDIO_SPEC } from './presidio/presidio.spec';
import type { VendorSpec } from './vendor-spec';

/**
 * The parameter spec of every vendor guardrail: the one list of each vendor's parameters (pure data: the UI bundles
 * this file). The registry validates with it, the config parser reads env defaults from it, the secret-field rules
 * read secrets from it, and the UI builds its form fields from it. The built-ins (pii, secrets, banned_keywords,
 * prompt_injection) have no spec yet.
 */
export const VENDOR_SPECS = {
  lakera_v2: LAKERA_V2_SPEC,
  lakera: LAKERA_V1_SPEC,
  aporia: APORIA_SPEC,
  bedrock: BEDROCK_SPEC,
  presidio: PRESIDIO_SPEC,
  openai_moderation: OPENAI_MODERATION_SPEC,
  'azure/prompt_shield': AZURE_PROMPT_SHIELD_SPEC,
  'azure/text_moderations': AZURE_TEXT_MODERATIONS_SPEC,
  model_armor: MODEL_ARMOR_SPEC,
  generic_guardrail_api: GENERIC_GUARDRAIL_API_SPEC,
} as const satisfies Record<string, VendorSpec>;

export type SpecifiedKind = keyof typeof VENDOR_SPECS;

export function specOf(kind: string): VendorSpec | undefined {
  return Object.hasOwn(VENDOR_SPECS, kind) ? VENDOR_SPECS[kind as SpecifiedKind] : undefined;
}
