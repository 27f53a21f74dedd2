import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * A guardrail service written to LiteLLM's generic guardrail API: `POST {base}/beta/litellm_basic_guardrail_api`,
 * `x-api-key` checked. By default it answers BLOCKED for "BLOCKME" or "ignore (all) previous instructions",
 * GUARDRAIL_INTERVENED with card numbers and e-mail addresses replaced by `[CARD]` / `[EMAIL]`, NONE otherwise.
 */

export const GENERIC_MOCK_API_KEY = 'gk-test-0123456789';
export const GENERIC_MOCK_BASE_PATH = '/guard';

export interface GenericMockSwitches extends VendorFaultSwitches {
  /** Answer exactly this (after the auth check), e.g. `{action: 'NONE', texts: [...]}`. */
  reply?: unknown;
}

const BLOCK = /\bBLOCKME\b|ignore (all )?previous instructions/i;
const CARD = /\b(?:\d{4}[ -]?){3}\d{4}\b/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export class GenericGuardrailMock extends SwitchedMockServer<GenericMockSwitches> {
  constructor(initial: Partial<GenericMockSwitches>) {
    super(NO_FAULTS, initial, (request, res, req, switches) => answer(request, res, req, switches));
  }

  get apiBase(): string {
    return `${this.url}${GENERIC_MOCK_BASE_PATH}`;
  }
}

export async function startGenericGuardrailMock(
  options: Partial<GenericMockSwitches> = {},
): Promise<GenericGuardrailMock> {
  return new GenericGuardrailMock(options).start();
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: GenericMockSwitches,
): Promise<void> {
  const faulted = await playFault(switches, res, req, {
    status: (status) => sendJson(res, status, { detail: `guardrail service error ${status}` }),
    wrongShape: () => sendJson(res, 200, { action: 'NONE', texts: 'not a list' }),
  });
  if (faulted) {
    return;
  }
  if (request.method !== 'POST' || request.path !== `${GENERIC_MOCK_BASE_PATH}/beta/litellm_basic_guardrail_api`) {
    return sendJson(res, 404, { detail: 'Not Found' });
  }
  if (request.headers['x-api-key'] !== GENERIC_MOCK_API_KEY) {
    return sendJson(res, 401, { detail: 'invalid api key' });
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply);
  }
  const body = request.body as { texts?: unknown };
  if (!Array.isArray(body?.texts)) {
    return sendJson(res, 422, { detail: 'texts: field required' });
  }
  const texts = body.texts as string[];
  if (texts.some((text) => BLOCK.test(text))) {
    return sendJson(res, 200, { action: 'BLOCKED', blocked_reason: 'Content blocked by the test policy' });
  }
  const masked = texts.map((text) => text.replace(CARD, '[CARD]').replace(EMAIL, '[EMAIL]'));
  if (masked.some((text, index) => text !== texts[index])) {
    return sendJson(res, 200, { action: 'GUARDRAIL_INTERVENED', texts: masked });
  }
  sendJson(res, 200, { action: 'NONE' });
}
