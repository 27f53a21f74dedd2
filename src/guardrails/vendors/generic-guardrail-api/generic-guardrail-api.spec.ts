import type { VendorSpec } from '../vendor-spec';

/** `guardrail: generic_guardrail_api`: LiteLLM's plain HTTP contract for a team's own guardrail service. */
export const GENERIC_GUARDRAIL_API_SPEC: VendorSpec = {
  kind: 'generic_guardrail_api',
  label: 'Generic guardrail API (your own service)',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: true,
  responseKey: 'generic_guardrail_api_response',
  http: true,
  params: [
    {
      key: 'api_base',
      label: 'API base',
      type: 'url',
      required: true,
      env: ['GENERIC_GUARDRAIL_API_BASE'],
      placeholder: 'https://guard.internal.example.com',
      hint: 'Warden posts to {api_base}/beta/litellm_basic_guardrail_api.',
    },
    { key: 'api_key', label: 'API key', type: 'string', secret: true, hint: 'Sent as x-api-key.' },
    {
      key: 'headers',
      label: 'Extra headers',
      type: 'mapping',
      values: { type: 'string' },
      secret: true,
      placeholder: 'e.g. {"Authorization": "Bearer …"}',
      hint: 'JSON: static headers sent with every call (write-only, like a key).',
    },
    {
      key: 'additional_provider_specific_params',
      label: 'Service parameters',
      type: 'mapping',
      values: { type: 'any' },
      placeholder: 'e.g. {"threshold": 0.8}',
      hint: 'JSON: passed through; a request’s extra_body adds to it.',
    },
  ],
};
