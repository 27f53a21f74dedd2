import type { ParamSpec, VendorSpec } from '../vendor-spec';

export const AZURE_CATEGORIES = ['Hate', 'SelfHarm', 'Sexual', 'Violence'] as const;

const COMMON: readonly ParamSpec[] = [
  {
    key: 'api_key',
    label: 'Subscription key',
    type: 'string',
    required: true,
    secret: true,
    hint: 'Sent as Ocp-Apim-Subscription-Key. LiteLLM’s docs use os.environ/AZURE_GUARDRAIL_API_KEY.',
  },
  {
    key: 'api_base',
    label: 'Resource endpoint',
    type: 'url',
    required: true,
    placeholder: 'https://<resource>.cognitiveservices.azure.com',
  },
  { key: 'api_version', label: 'API version', type: 'string', placeholder: '2024-09-01' },
];

/** `guardrail: azure/prompt_shield`: Azure AI Content Safety Prompt Shields (`text:shieldPrompt`). */
export const AZURE_PROMPT_SHIELD_SPEC: VendorSpec = {
  kind: 'azure/prompt_shield',
  label: 'Azure Prompt Shields',
  modes: ['pre_call', 'during_call'],
  masks: false,
  responseKey: 'azure_prompt_shield_response',
  http: true,
  params: COMMON,
};

/** `guardrail: azure/text_moderations`: Azure AI Content Safety text analysis (`text:analyze`). */
export const AZURE_TEXT_MODERATIONS_SPEC: VendorSpec = {
  kind: 'azure/text_moderations',
  label: 'Azure text moderation',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: false,
  responseKey: 'azure_text_moderations_response',
  http: true,
  params: [
    ...COMMON,
    {
      key: 'severity_threshold',
      label: 'Severity threshold',
      type: 'number',
      min: 0,
      max: 7,
      integer: true,
      placeholder: '2',
      hint: 'A category at this severity or above flags (0, 2, 4, 6; 0 to 7 with EightSeverityLevels).',
    },
    {
      key: 'severity_threshold_by_category',
      label: 'Threshold per category',
      type: 'mapping',
      keys: AZURE_CATEGORIES,
      values: { type: 'number', min: 0, max: 7, integer: true },
      placeholder: 'e.g. {"Hate": 2, "Violence": 4}',
      hint: 'JSON: beats the single threshold for the categories it names.',
    },
    {
      key: 'categories',
      label: 'Categories',
      type: 'list',
      options: AZURE_CATEGORIES,
      hint: 'One per line; all four when empty.',
    },
    {
      key: 'blocklistNames',
      label: 'Blocklists',
      type: 'list',
      hint: 'One blocklist name per line: a match flags.',
    },
    { key: 'haltOnBlocklistHit', label: 'Halt on blocklist hit', type: 'boolean' },
    {
      key: 'outputType',
      label: 'Severity scale',
      type: 'choice',
      options: ['FourSeverityLevels', 'EightSeverityLevels'],
    },
  ],
};
