import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * OpenAI's `POST /v1/moderations` on node:http: Bearer check, `input` as a string, a string[] (one result each) or
 * content parts (one result), all 13 categories in every map. Trigger words: "kill" (violence), "BLOCKME" (harassment),
 * "ignore all previous instructions" (illicit), "hate you" (hate).
 */

export const MODERATION_MOCK_API_KEY = 'sk-moderation-test-1234567890';

const CATEGORIES = [
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
const IMAGE_CATEGORIES = new Set([
  'sexual',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'violence',
  'violence/graphic',
]);
const TRIGGERS: ReadonlyArray<{ pattern: RegExp; category: string; score: number }> = [
  { pattern: /\bkill\b/i, category: 'violence', score: 0.93 },
  { pattern: /\bBLOCKME\b/, category: 'harassment', score: 0.88 },
  { pattern: /ignore (all )?previous instructions/i, category: 'illicit', score: 0.62 },
  { pattern: /\bhate you\b/i, category: 'hate', score: 0.41 },
];

export interface ModerationMockSwitches extends VendorFaultSwitches {
  /** Answer as a legacy text model: `illicit` and `illicit/violent` are null. */
  legacy: boolean;
}

export class OpenAiModerationMock extends SwitchedMockServer<ModerationMockSwitches> {
  constructor(initial: Partial<ModerationMockSwitches>) {
    super({ ...NO_FAULTS, legacy: false }, initial, (request, res, req, switches) =>
      answer(request, res, req, switches),
    );
  }

  get apiBase(): string {
    return `${this.url}/v1`;
  }
}

export async function startOpenAiModerationMock(
  options: Partial<ModerationMockSwitches> = {},
): Promise<OpenAiModerationMock> {
  return new OpenAiModerationMock(options).start();
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: ModerationMockSwitches,
): Promise<void> {
  const faulted = await playFault(switches, res, req, {
    status: (status) => sendError(res, status),
    wrongShape: () => sendJson(res, 200, { id: 'modr-x', model: 'omni-moderation-latest', output: [] }),
  });
  if (faulted) {
    return;
  }
  if (request.method !== 'POST' || request.path !== '/v1/moderations') {
    return sendJson(res, 404, {
      error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null },
    });
  }
  if (request.headers.authorization !== `Bearer ${MODERATION_MOCK_API_KEY}`) {
    return sendError(res, 401);
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply);
  }
  const body = request.body as Record<string, unknown> | undefined;
  const input = body?.input;
  const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined;
  if (!inputs || inputs.length === 0) {
    return sendJson(res, 400, {
      error: { message: "'input' is a required property", type: 'invalid_request_error', param: 'input', code: null },
    });
  }
  const partsInput = inputs.some((item) => typeof item === 'object');
  const texts = partsInput
    ? [
        inputs
          .map((part) =>
            typeof part === 'object' && part !== null && 'text' in part ? String((part as { text: unknown }).text) : '',
          )
          .join(' '),
      ]
    : inputs.map(String);
  sendJson(res, 200, {
    id: `modr-${request.seq}`,
    model: typeof body?.model === 'string' ? body.model : 'omni-moderation-latest',
    results: texts.map((text) => result(text, switches.legacy)),
  });
}

function result(text: string, legacy: boolean): Record<string, unknown> {
  const categories: Record<string, boolean | null> = {};
  const scores: Record<string, number> = {};
  const applied: Record<string, string[]> = {};
  for (const category of CATEGORIES) {
    const trigger = TRIGGERS.find((item) => item.category === category && item.pattern.test(text));
    scores[category] = trigger ? trigger.score : 0.0001;
    categories[category] =
      legacy && category.startsWith('illicit') ? null : trigger !== undefined && trigger.score >= 0.5;
    applied[category] = IMAGE_CATEGORIES.has(category) ? ['text'] : ['text'];
  }
  const flagged = Object.values(categories).some((value) => value === true);
  return {
    flagged,
    categories,
    category_scores: scores,
    ...(legacy ? {} : { category_applied_input_types: applied }),
  };
}

function sendError(res: ServerResponse, status: number): void {
  const bodies: Record<number, { message: string; type: string; code: string | null }> = {
    401: {
      message: 'Incorrect API key provided: sk-mod...1234.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    },
    429: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
  };
  const error = bodies[status] ?? {
    message: 'The server had an error processing your request.',
    type: 'server_error',
    code: null,
  };
  sendJson(res, status, { error: { ...error, param: null } }, status === 429 ? { 'retry-after': '1' } : {});
}
