import {
  GUARDRAIL_MODES,
  ON_ERROR_POLICIES,
  ON_FLAGGED_ACTIONS,
  PII_ENTITY_TYPES,
  type GuardrailKind,
} from '../../api/vocabulary';
import type { FieldSpec } from './field-spec';

const SECRET_HINT = 'Write-only: a stored key is shown masked; leave it unchanged to keep it.';

const apiKey = (hint = SECRET_HINT): FieldSpec => ({
  key: 'api_key',
  label: 'API key',
  kind: 'secret',
  required: true,
  hint,
});

/** The provider-specific params of each provider (README, "Guardrails"). A provider missing here fails the build. */
export const PROVIDER_FIELDS = {
  lakera_v2: [
    apiKey(),
    { key: 'api_base', label: 'API base', kind: 'url', placeholder: 'https://api.lakera.ai' },
    { key: 'project_id', label: 'Project id', kind: 'text', placeholder: 'project-…' },
    {
      key: 'mask_pii',
      label: 'Mask PII instead of blocking',
      kind: 'boolean',
      hint: 'A PII-only flag masks the spans and continues (pre_call or post_call only).',
    },
  ],
  lakera: [
    apiKey(),
    { key: 'api_base', label: 'API base', kind: 'url', placeholder: 'https://api.lakera.ai' },
    {
      key: 'category_thresholds',
      label: 'Category thresholds',
      kind: 'json',
      placeholder: 'e.g. {"jailbreak": 0.8, "prompt_injection": 0.9}',
      hint: 'JSON: each category with the score (0 to 1) above which a request is flagged.',
    },
  ],
  aporia: [
    apiKey(),
    {
      key: 'api_base',
      label: 'API base',
      kind: 'url',
      required: true,
      placeholder: 'https://gr-prd.aporia.com/<project_id>',
    },
  ],
  bedrock: [
    { key: 'guardrailIdentifier', label: 'Guardrail identifier', kind: 'text', required: true },
    {
      key: 'guardrailVersion',
      label: 'Guardrail version',
      kind: 'text',
      required: true,
      placeholder: '1 or DRAFT',
    },
    {
      key: 'aws_region_name',
      label: 'AWS region',
      kind: 'text',
      placeholder: 'us-east-1',
      hint: 'Credentials come from the gateway’s default AWS credential chain.',
    },
  ],
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
