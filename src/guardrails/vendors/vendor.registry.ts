import type { GuardrailKind } from '../guardrail.types';
import { aporiaGuardrail } from './aporia.guardrail';
import { bannedKeywordsGuardrail } from './banned-keywords.guardrail';
import { bedrockGuardrail } from './bedrock.guardrail';
import { lakeraV1Guardrail } from './lakera-v1.guardrail';
import { lakeraV2Guardrail } from './lakera-v2.guardrail';
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
} as const satisfies Record<GuardrailKind, GuardrailFactory>;
