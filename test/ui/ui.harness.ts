import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ViolationQueue } from '../../src/violations/violation.queue';
import { buildUi } from '../../ui/scripts/build-ui';
import { startGateway, type RunningGateway } from '../e2e/gateway.harness';

export const MASTER_KEY = 'sk-warden-ui-test';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** A mock model and three config.yaml guardrails: one on by default, two that requests name. */
export const UI_TEST_CONFIG = {
  model_list: [{ model_name: 'mock', litellm_params: { model: 'mock/demo', mock_response: 'Hi from the mock!' } }],
  general_settings: { master_key: MASTER_KEY },
  guardrails: [
    {
      guardrail_name: 'no-falcon',
      litellm_params: {
        guardrail: 'banned_keywords',
        mode: 'pre_call',
        default_on: true,
        keywords: ['project falcon'],
      },
    },
    {
      guardrail_name: 'pii',
      litellm_params: {
        guardrail: 'pii',
        mode: ['pre_call', 'post_call'],
        pii_entities_config: { EMAIL_ADDRESS: 'MASK', CREDIT_CARD: 'BLOCK' },
      },
    },
    { guardrail_name: 'injection', litellm_params: { guardrail: 'prompt_injection', mode: 'pre_call' } },
  ],
};

/** Builds the UI into dist/ui (`npm test` compiles only the server) and starts the gateway that serves it. */
export async function startUiGateway(): Promise<RunningGateway> {
  await buildUi();
  await mkdir(ARTIFACTS, { recursive: true });
  return startGateway(UI_TEST_CONFIG);
}

/** One chat completion through the gateway, as a client would send it; `guardrails` names opt-in ones. */
export async function chat(
  gateway: RunningGateway,
  content: string,
  options: { requestId?: string; guardrails?: string[] } = {},
): Promise<number> {
  const { requestId, guardrails } = options;
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${MASTER_KEY}`,
      'content-type': 'application/json',
      ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
    },
    body: JSON.stringify({
      model: 'mock',
      messages: [{ role: 'user', content }],
      ...(guardrails ? { guardrails } : {}),
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** An admin API read, as the UI makes it. */
export async function adminGet<T>(gateway: RunningGateway, path: string): Promise<T> {
  const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Writes what the queue holds, so the violation log shows the requests sent so far. */
export function flushViolations(gateway: RunningGateway): Promise<void> {
  return gateway.app.get(ViolationQueue).flush();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `ui-${name}.png`) });
}
