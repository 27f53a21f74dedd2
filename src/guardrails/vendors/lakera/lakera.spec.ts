import type { ParamSpec, VendorSpec } from '../vendor-spec';

export const LAKERA_V1_CATEGORIES = ['jailbreak', 'prompt_injection'] as const;
export const MASK_PII_DURING_CALL = 'mask_pii cannot apply during_call: the request is already upstream; use pre_call';

const API_KEY: ParamSpec = {
  key: 'api_key',
  label: 'API key',
  type: 'string',
  required: true,
  secret: true,
  env: ['LAKERA_API_KEY'],
};
const API_BASE: ParamSpec = {
  key: 'api_base',
  label: 'API base',
  type: 'url',
  env: ['LAKERA_API_BASE'],
  placeholder: 'https://api.lakera.ai',
};

/** `guardrail: lakera_v2`: Lakera Guard `POST /v2/guard`. */
export const LAKERA_V2_SPEC: VendorSpec = {
  kind: 'lakera_v2',
  label: 'Lakera Guard',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: true,
  responseKey: 'lakera_ai_response',
  http: true,
  params: [
    API_KEY,
    API_BASE,
    { key: 'project_id', label: 'Project id', type: 'string', placeholder: 'project-…' },
    { key: 'metadata', label: 'Metadata', type: 'mapping', values: { type: 'any' }, hidden: true },
    { key: 'payload', label: 'Return payload', type: 'boolean', hidden: true },
    { key: 'breakdown', label: 'Return breakdown', type: 'boolean', hidden: true },
    { key: 'dev_info', label: 'Return dev info', type: 'boolean', hidden: true },
    {
      key: 'mask_pii',
      label: 'Mask PII instead of blocking',
      type: 'boolean',
      hint: 'A PII-only flag masks the spans and continues (pre_call or post_call only).',
    },
  ],
  rules(params, definition) {
    const problems: Array<[string, string]> = [];
    if (params.mask_pii === true && definition.modes.includes('during_call')) {
      problems.push(['mask_pii', MASK_PII_DURING_CALL]);
    }
    if (params.mask_pii === true && (params.payload === false || params.breakdown === false)) {
      problems.push(['mask_pii', 'mask_pii needs payload and breakdown: Lakera returns PII spans only with both on']);
    }
    return problems;
  },
};

/** `guardrail: lakera`: the deprecated Lakera Guard `POST /v1/prompt_injection`. */
export const LAKERA_V1_SPEC: VendorSpec = {
  kind: 'lakera',
  label: 'Lakera Guard v1 (deprecated)',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: false,
  responseKey: 'lakera_ai_response',
  http: true,
  params: [
    API_KEY,
    API_BASE,
    {
      key: 'category_thresholds',
      label: 'Category thresholds',
      type: 'mapping',
      keys: LAKERA_V1_CATEGORIES,
      values: { type: 'number', min: 0, max: 1 },
      placeholder: 'e.g. {"jailbreak": 0.8, "prompt_injection": 0.9}',
      hint: 'JSON: each category with the score (0 to 1) above which a request is flagged.',
    },
  ],
};
