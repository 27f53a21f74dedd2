import { ViolationQueue } from '../../src/violations/violation.queue';
import type { RunningGateway } from './gateway.harness';

export const MASTER_KEY = 'sk-warden-keys-master-test';

/** Two mock chat models, a mock embedding model, and four keyword guardrails (one default_on). */
export function keysConfig(databaseUrl: string): Record<string, unknown> {
  const banned = (name: string, keyword: string, defaultOn = false): Record<string, unknown> => ({
    guardrail_name: name,
    litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: defaultOn, keywords: [keyword] },
  });
  return {
    model_list: [
      { model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi!' } },
      { model_name: 'other', litellm_params: { model: 'mock/other', mock_response: 'Other!' } },
      { model_name: 'mock-embed', litellm_params: { model: 'mock/embed' } },
    ],
    guardrails: [
      banned('global-falcon', 'falcon', true),
      banned('key-heron', 'heron'),
      banned('extra-eagle', 'eagle'),
      banned('later-off', 'osprey'),
    ],
    general_settings: { master_key: MASTER_KEY, database_url: databaseUrl },
  };
}

export interface Reply {
  status: number;
  json: Record<string, unknown>;
  text: string;
  headers: Headers;
}

/** A JSON call with a key (the master key unless told). */
export async function call(
  gateway: RunningGateway,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${MASTER_KEY}` },
): Promise<Reply> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the test reads text
  }
  return { status: response.status, json, text, headers: response.headers };
}

export async function createKey(gateway: RunningGateway, body: Record<string, unknown>): Promise<CreatedKey> {
  const reply = await call(gateway, 'POST', '/admin/keys', body);
  expect(reply.status).toBe(201);
  return reply.json as unknown as CreatedKey;
}

export interface CreatedKey {
  id: string;
  key: string;
  key_alias: string;
  key_name: string;
  team: string | null;
  guardrail_status: { name: string; status: string }[];
  enabled: boolean;
}

/** One request body per API, carrying `text` where guardrails read it. */
export const ENDPOINT_CALLS = {
  chat: (text: string, model = 'mock') => ({
    path: '/v1/chat/completions',
    body: { model, messages: [{ role: 'user', content: text }] },
  }),
  responses: (text: string, model = 'mock') => ({ path: '/v1/responses', body: { model, input: text } }),
  messages: (text: string, model = 'mock') => ({
    path: '/v1/messages',
    body: { model, max_tokens: 32, messages: [{ role: 'user', content: text }] },
  }),
  completions: (text: string, model = 'mock') => ({ path: '/v1/completions', body: { model, prompt: text } }),
  embeddings: (text: string, model = 'mock-embed') => ({ path: '/v1/embeddings', body: { model, input: text } }),
} as const;

export type EndpointCall = keyof typeof ENDPOINT_CALLS;

/** Every request field that a caller might hope turns a guardrail off. */
export const REMOVAL_ATTEMPTS: Record<string, Record<string, unknown>> = {
  nothing: {},
  'guardrails: []': { guardrails: [] },
  'guardrails naming another one': { guardrails: ['extra-eagle'] },
  'metadata.guardrails: []': { metadata: { guardrails: [] } },
  'metadata.guardrails dict turning them off': { metadata: { guardrails: { 'key-heron': false } } },
  'disable_global_guardrail: true': { disable_global_guardrail: true, metadata: { disable_global_guardrail: true } },
  'a guardrail extra_body asking to skip': {
    guardrails: [{ 'key-heron': { extra_body: { skip: true, enabled: false } } }],
  },
};

/** The SDKs' extra_body lands at the top level of the body; Anthropic's Messages API refuses fields it does not know. */
export const OPENAI_ONLY_REMOVAL_ATTEMPTS: Record<string, Record<string, unknown>> = {
  'a top-level extra_body': { extra_body: { guardrails: [], disable_global_guardrail: true } },
};

export function flushViolations(gateway: RunningGateway): Promise<void> {
  return gateway.app.get(ViolationQueue).flush();
}

/** Retries the assertion until it passes or the deadline is reached; then fails with its last error. */
export async function eventually(assertion: () => Promise<void>, withinMs = 2000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
