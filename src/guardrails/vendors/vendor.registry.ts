import type { GuardrailKind } from '../guardrail.types';
import type { GuardrailFactory } from './vendor.contract';

/** Every guardrail vendor Warden knows: one line per vendor file. */
export const VENDOR_REGISTRY: Partial<Record<GuardrailKind, GuardrailFactory>> = {};
