import {
  GUARDRAIL_MODES,
  ON_ERROR_POLICIES,
  ON_FLAGGED_ACTIONS,
  PII_ENTITY_TYPES,
  VENDOR_SPECS,
  type GuardrailKind,
} from '../../api/vocabulary';
import type { FieldSpec } from './field-spec';
import { specFields } from './spec-fields';

/**
 * The provider-specific params of each provider. Vendors' fields come from their parameter specs
 * (src/guardrails/vendors/<vendor>/<vendor>.spec.ts); the built-ins' are listed here. A provider missing here fails the build.
 */
export const PROVIDER_FIELDS = {
  lakera_v2: specFields(VENDOR_SPECS.lakera_v2),
  lakera: specFields(VENDOR_SPECS.lakera),
  aporia: specFields(VENDOR_SPECS.aporia),
  bedrock: specFields(VENDOR_SPECS.bedrock),
  pii: [
    {
      key: 'entities',
      label: 'Entities',
      kind: 'choices',
      options: PII_ENTITY_TYPES,
      hint: 'None checked means all of them.',
    },
    {
      key: 'pii_entities_config',
      label: 'Per-entity action',
      kind: 'json',
      placeholder: 'e.g. {"EMAIL_ADDRESS": "MASK", "CREDIT_CARD": "BLOCK"}',
      hint: 'JSON: each entity with MASK or BLOCK. Left empty, every entity blocks.',
    },
    {
      key: 'allow_list',
      label: 'Allow list',
      kind: 'lines',
      placeholder: 'e.g. support@example.com',
      hint: 'One per line: exact text, or /regex/flags.',
    },
  ],
  secrets: [
    {
      key: 'action',
      label: 'Action',
      kind: 'choice',
      options: ['mask', 'block'],
      emptyOption: 'mask (default)',
      hint: 'Mask replaces the secret with [REDACTED <TYPE>] and lets the request go on; block rejects the request.',
    },
  ],
  banned_keywords: [
    {
      key: 'keywords',
      label: 'Keywords',
      kind: 'lines',
      placeholder: 'e.g. project falcon',
      hint: 'One per line: whole words or phrases, case-insensitive.',
    },
    {
      key: 'patterns',
      label: 'Patterns',
      kind: 'lines',
      placeholder: 'e.g. \\bticket-\\d{4}\\b',
      hint: 'One regular expression per line.',
    },
  ],
  prompt_injection: [
    {
      key: 'threshold',
      label: 'Threshold',
      kind: 'number',
      step: '0.05',
      min: '0.05',
      max: '1',
      placeholder: 'default',
      hint: 'More than 0, at most 1: the higher it is, the less is flagged.',
    },
  ],
  presidio: specFields(VENDOR_SPECS.presidio),
  openai_moderation: specFields(VENDOR_SPECS.openai_moderation),
  'azure/prompt_shield': specFields(VENDOR_SPECS['azure/prompt_shield']),
  'azure/text_moderations': specFields(VENDOR_SPECS['azure/text_moderations']),
  model_armor: specFields(VENDOR_SPECS.model_armor),
  generic_guardrail_api: specFields(VENDOR_SPECS.generic_guardrail_api),
} as const satisfies Record<GuardrailKind, readonly FieldSpec[]>;

/** Every provider-specific key the form knows: on PATCH, the old provider's keys are removed (sent as null). */
export const ALL_PROVIDER_KEYS: ReadonlySet<string> = new Set(
  Object.values(PROVIDER_FIELDS).flatMap((fields: readonly FieldSpec[]) => fields.map((field) => field.key)),
);

export const NAME_FIELD: FieldSpec = {
  key: 'guardrail_name',
  label: 'Name',
  kind: 'text',
  required: true,
  hint: 'Unique: letters, digits and . _ : - only. Requests choose it by this name in "guardrails".',
};

/** The engine settings every guardrail has, in the order the form shows them. */
export const ENGINE_FIELDS: readonly FieldSpec[] = [
  { key: 'mode', label: 'Mode', kind: 'choices', options: GUARDRAIL_MODES, collapseSingle: true, required: true },
  { key: 'on_flagged', label: 'On flagged', kind: 'choice', options: ON_FLAGGED_ACTIONS },
  { key: 'on_error', label: 'On vendor error', kind: 'choice', options: ON_ERROR_POLICIES },
  { key: 'timeout_ms', label: 'Timeout (ms)', kind: 'number', step: '1', min: '1', placeholder: '5000' },
  { key: 'default_on', label: 'Run on every request (default_on)', kind: 'boolean' },
];
