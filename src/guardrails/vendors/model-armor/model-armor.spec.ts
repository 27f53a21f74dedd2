import type { VendorSpec } from '../vendor-spec';

/** `guardrail: model_armor`: Google Cloud Model Armor `sanitizeUserPrompt` / `sanitizeModelResponse` on a template. */
export const MODEL_ARMOR_SPEC: VendorSpec = {
  kind: 'model_armor',
  label: 'Google Model Armor',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: true,
  responseKey: 'model_armor_response',
  http: true,
  params: [
    { key: 'template_id', label: 'Template id', type: 'string', required: true },
    {
      key: 'project_id',
      label: 'Project id',
      type: 'string',
      hint: 'Default: the service account’s project, else the one application default credentials name.',
    },
    { key: 'location', label: 'Location', type: 'string', placeholder: 'us-central1' },
    {
      key: 'credentials',
      label: 'Service account credentials',
      type: 'string_or_mapping',
      secret: true,
      hint: 'A key file path or its JSON. Empty: application default credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud, metadata server).',
    },
    {
      key: 'api_endpoint',
      label: 'API endpoint',
      type: 'url',
      placeholder: 'https://modelarmor.us-central1.rep.googleapis.com',
    },
    {
      key: 'mask_request_content',
      label: 'Mask the prompt',
      type: 'boolean',
      hint: 'Where the template de-identifies, the de-identified prompt goes on instead of a block (pre_call).',
    },
    {
      key: 'mask_response_content',
      label: 'Mask the answer',
      type: 'boolean',
      hint: 'Where the template de-identifies, the de-identified answer is returned instead of a block (post_call).',
    },
  ],
  rules(params, definition) {
    return params.mask_request_content === true &&
      definition.modes.includes('during_call') &&
      definition.onFlagged === 'block'
      ? [
          [
            'mask_request_content',
            'mask_request_content cannot apply during_call: the request is already upstream; use pre_call',
          ],
        ]
      : [];
  },
};
