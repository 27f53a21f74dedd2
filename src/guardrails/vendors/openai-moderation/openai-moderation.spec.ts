import type { VendorSpec } from '../vendor-spec';

export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** `guardrail: openai_moderation`: OpenAI's `POST /v1/moderations`. */
export const OPENAI_MODERATION_SPEC: VendorSpec = {
  kind: 'openai_moderation',
  label: 'OpenAI moderation',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: false,
  responseKey: 'openai_moderation_response',
  http: true,
  params: [
    { key: 'api_key', label: 'API key', type: 'string', required: true, secret: true, env: ['OPENAI_API_KEY'] },
    { key: 'api_base', label: 'API base', type: 'url', placeholder: 'https://api.openai.com/v1' },
    { key: 'model', label: 'Model', type: 'string', placeholder: 'omni-moderation-latest' },
    {
      key: 'categories',
      label: 'Blocking categories',
      type: 'list',
      options: MODERATION_CATEGORIES,
      hint: 'One per line; only these flag. Empty: OpenAI’s own flagged decides.',
    },
    {
      key: 'category_thresholds',
      label: 'Category thresholds',
      type: 'mapping',
      keys: MODERATION_CATEGORIES,
      values: { type: 'number', min: 0, max: 1 },
      placeholder: 'e.g. {"violence": 0.5, "hate": 0.3}',
      hint: 'JSON: a category flags at score >= its threshold (instead of OpenAI’s own flag for it).',
    },
  ],
};
