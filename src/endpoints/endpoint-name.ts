/** The APIs Warden serves; every one runs the same guardrail pipeline. */
export const ENDPOINTS = ['chat', 'responses', 'messages', 'completions', 'embeddings'] as const;
export type EndpointName = (typeof ENDPOINTS)[number];

/** The route each endpoint answers on (also without the `/v1` prefix). */
export const ENDPOINT_PATHS: Readonly<Record<EndpointName, string>> = {
  chat: '/v1/chat/completions',
  responses: '/v1/responses',
  messages: '/v1/messages',
  completions: '/v1/completions',
  embeddings: '/v1/embeddings',
};
