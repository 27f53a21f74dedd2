import type { VendorSpec } from '../vendor-spec';

/** `guardrail: aporia`: `POST {api_base}/validate`, where api_base names the project. */
export const APORIA_SPEC: VendorSpec = {
  kind: 'aporia',
  label: 'Aporia',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: true,
  responseKey: 'aporia_ai_response',
  http: true,
  params: [
    {
      key: 'api_key',
      label: 'API key',
      type: 'string',
      required: true,
      secret: true,
      // APORIO_*: LiteLLM's docs spell it so in places.
      env: ['APORIA_API_KEY', 'APORIO_API_KEY'],
    },
    {
      key: 'api_base',
      label: 'API base',
      type: 'url',
      required: true,
      env: ['APORIA_API_BASE', 'APORIO_API_BASE'],
      placeholder: 'https://gr-prd.aporia.com/<project_id>',
    },
  ],
};
