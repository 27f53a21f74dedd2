import type { VendorSpec } from '../vendor-spec';

export const PRESIDIO_ACTIONS = ['MASK', 'BLOCK'] as const;

/** `guardrail: presidio`: Microsoft Presidio's analyzer and anonymizer, self-hosted, no auth (LiteLLM's names). */
export const PRESIDIO_SPEC: VendorSpec = {
  kind: 'presidio',
  label: 'Presidio (self-hosted PII)',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: true,
  responseKey: 'presidio_response',
  http: true,
  params: [
    {
      key: 'presidio_analyzer_api_base',
      label: 'Analyzer URL',
      // LiteLLM accepts a bare host:port and adds http://, so this is a string, not a URL.
      type: 'string',
      required: true,
      env: ['PRESIDIO_ANALYZER_API_BASE'],
      placeholder: 'http://presidio-analyzer:5002',
      hint: 'http:// is added when no scheme is given.',
    },
    {
      key: 'presidio_anonymizer_api_base',
      label: 'Anonymizer URL',
      // LiteLLM accepts a bare host:port and adds http://, so this is a string, not a URL.
      type: 'string',
      required: true,
      env: ['PRESIDIO_ANONYMIZER_API_BASE'],
      placeholder: 'http://presidio-anonymizer:5001',
      hint: 'http:// is added when no scheme is given.',
    },
    {
      key: 'pii_entities_config',
      label: 'Per-entity action',
      type: 'mapping',
      values: { type: 'choice', options: PRESIDIO_ACTIONS },
      placeholder: 'e.g. {"EMAIL_ADDRESS": "MASK", "CREDIT_CARD": "BLOCK"}',
      hint: 'JSON: each entity with MASK or BLOCK; only these entities are looked for. Empty: every entity masks.',
    },
    { key: 'presidio_language', label: 'Language', type: 'string', placeholder: 'en' },
    {
      key: 'presidio_score_thresholds',
      label: 'Score thresholds',
      type: 'mapping',
      values: { type: 'number', min: 0, max: 1 },
      placeholder: 'e.g. {"ALL": 0.5, "PERSON": 0.8}',
      hint: 'JSON: minimum score per entity, or ALL; the entity entry wins.',
    },
    {
      key: 'presidio_entities_deny_list',
      label: 'Ignored entities',
      type: 'list',
      placeholder: 'e.g. DATE_TIME',
      hint: 'One entity type per line: dropped after analysis.',
    },
    {
      key: 'presidio_ad_hoc_recognizers',
      label: 'Ad-hoc recognizers',
      type: 'string_or_list',
      placeholder: '/etc/warden/recognizers.json',
      hint: 'A path to a JSON file holding the ad_hoc_recognizers array (read at load time).',
    },
    {
      key: 'output_parse_pii',
      label: 'Reversible masking (output_parse_pii)',
      type: 'boolean',
      hint: 'The prompt gets numbered tokens (<EMAIL_ADDRESS_1>); post_call (added by itself) puts the originals back where the model repeats a token.',
    },
    {
      key: 'apply_to_output',
      label: 'Also mask the answer',
      type: 'boolean',
      hint: 'Also mask the model’s answer (adds post_call, as LiteLLM does).',
    },
    {
      key: 'presidio_filter_scope',
      label: 'Scope',
      type: 'choice',
      options: ['input', 'output', 'both'],
      hint: 'input: the prompt only; output: the answer only; both (default).',
    },
    {
      key: 'presidio_max_parallel_requests',
      label: 'Parallel requests',
      type: 'number',
      min: 1,
      max: 64,
      integer: true,
      placeholder: '4',
    },
  ],
  impliedModes: (params) => (params.output_parse_pii === true || params.apply_to_output === true ? ['post_call'] : []),
  rules(params, definition) {
    const problems: Array<[string, string]> = [];
    const config = params.pii_entities_config;
    const masks =
      typeof config !== 'object' ||
      config === null ||
      Object.values(config).includes('MASK') ||
      params.output_parse_pii === true;
    if (masks && definition.modes.includes('during_call') && definition.onFlagged === 'block') {
      problems.push([
        'mode',
        'presidio masks, and during_call a mask can no longer reach the upstream: use pre_call, or BLOCK for every entity in pii_entities_config',
      ]);
    }
    if (params.output_parse_pii === true && !definition.modes.includes('pre_call')) {
      problems.push([
        'output_parse_pii',
        'output_parse_pii needs pre_call: it masks the prompt there and restores the answer in post_call',
      ]);
    }
    return problems;
  },
};
