import type { GuardrailKind } from '../guardrail.types';
import { aporiaGuardrail } from './aporia/aporia.guardrail';
import { azurePromptShieldGuardrail } from './azure-content-safety/prompt-shield.guardrail';
import { azureTextModerationsGuardrail } from './azure-content-safety/text-moderations.guardrail';
import { genericGuardrailApiGuardrail } from './generic-guardrail-api/generic-guardrail-api.guardrail';
import { modelArmorGuardrail } from './model-armor/model-armor.guardrail';
import { openAiModerationGuardrail } from './openai-moderation/openai-moderation.guardrail';
import { presidioGuardrail } from './presidio/presidio.guardrail';
import { bannedKeywordsGuardrail } from './banned-keywords.guardrail';
import { bedrockGuardrail } from './bedrock/bedrock.guardrail';
import { lakeraV1Guardrail } from './lakera/lakera-v1.guardrail';
import { lakeraV2Guardrail } from './lakera/lakera-v2.guardrail';
import { piiGuardrail } from './pii.guardrail';
import { promptInjectionGuardrail } from './prompt-injection.guardrail';
import { secretsGuardrail } from './secrets.guardrail';
import type { GuardrailFactory } from './vendor.contract';

/** Every guardrail vendor Warden knows: one line per vendor file. A missing entry fails the build. */
export const VENDOR_REGISTRY = {
  lakera_v2: lakeraV2Guardrail,
  lakera: lakeraV1Guardrail,
  aporia: aporiaGuardrail,
  bedrock: bedrockGuardrail,
  pii: piiGuardrail,
  secrets: secretsGuardrail,
  banned_keywords: bannedKeywordsGuardrail,
  prompt_injection: promptInjectionGuardrail,
  presidio: presidioGuardrail,
  openai_moderation: openAiModerationGuardrail,
  'azure/prompt_shield': azurePromptShieldGuardrail,
  'azure/text_moderations': azureTextModerationsGuardrail,
  model_armor: modelArmorGuardrail,
  generic_guardrail_api: genericGuardrailApiGuardrail,
} as const satisfies Record<GuardrailKind, GuardrailFactory>;
