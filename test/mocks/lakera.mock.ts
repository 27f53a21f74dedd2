import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import detectorsFixture from '../fixtures/vendors/lakera-v2.detectors.json';
import promptAttackFixture from '../fixtures/vendors/lakera-v2.prompt-attack.json';
import v1Fixture from '../fixtures/vendors/lakera-v1.prompt-injection.json';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * Lakera Guard on node:http: `POST /v2/guard`, `POST /v2/guard/results` and the legacy `POST /v1/prompt_injection`,
 * answering from deterministic triggers in the message text:
 * - "ignore (all) previous instructions" -> `prompt_attack` (v1: prompt_injection score 0.999)
 * - an e-mail address -> `pii/email`, a 4x4-digit card number -> `pii/credit_card`, with per-message payload spans
 * - the marker word `BLOCKME` -> `moderated_content/crime` (v1: jailbreak score 0.95)
 */

export const LAKERA_MOCK_API_KEY = 'lakera-test-key';

/**
 * The shared faults, where `status` answers Lakera's error body (400, 401, 429 with Retry-After: 1, 500, ...) and
 * `wrongShape` answers JSON whose `flagged` is a string and whose `results` is not an array; and Lakera's own switches.
 */
export interface LakeraMockSwitches extends VendorFaultSwitches {
  /** `full`: one breakdown item per default detector (16); `detected`: only the detected ones. */
  breakdown: 'full' | 'detected';
  /** Undetected breakdown items carry `message_id: null` (a variant seen in a third-party fixture). */
  nullMessageIds: boolean;
  /** v1 only: answer these category scores instead of the trigger-derived ones. */
  v1Scores?: { prompt_injection?: number; jailbreak?: number };
}

export interface LakeraMockOptions extends Partial<LakeraMockSwitches> {
  apiKey?: string;
}

interface Detection {
  detectorType: string;
  messageId: number;
  span?: { start: number; end: number; text: string };
}

const DEFAULT_SWITCHES: LakeraMockSwitches = { ...NO_FAULTS, breakdown: 'full', nullMessageIds: false };

export const PROMPT_ATTACK_TRIGGER = /ignore (all )?previous instructions/i;
export const BLOCK_MARKER = /\bBLOCKME\b/;
const SPAN_TRIGGERS: ReadonlyArray<{ detectorType: string; pattern: RegExp }> = [
  { detectorType: 'pii/email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  { detectorType: 'pii/credit_card', pattern: /\b\d{4}(?: \d{4}){3}\b/g },
];
const DEFAULT_PROJECT = 'project-lakera-default';
const DEFAULT_POLICY = 'policy-lakera-default';

export class LakeraMock extends SwitchedMockServer<LakeraMockSwitches> {
  constructor(
    private readonly apiKey: string,
    initial: Partial<LakeraMockSwitches>,
  ) {
    super(DEFAULT_SWITCHES, initial, (request, res, req, switches) => answer(request, res, req, switches, apiKey));
  }

  /** The Bearer key this mock accepts. */
  get expectedApiKey(): string {
    return this.apiKey;
  }
}

export async function startLakeraMock(options: LakeraMockOptions = {}): Promise<LakeraMock> {
  const { apiKey = LAKERA_MOCK_API_KEY, ...switches } = options;
  return new LakeraMock(apiKey, switches).start();
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: LakeraMockSwitches,
  apiKey: string,
): Promise<void> {
  const faulted = await playFault(switches, res, req, {
    status: (status) => sendError(res, status),
    wrongShape: () => sendJson(res, 200, { flagged: 'true', results: {}, metadata: { request_uuid: randomUUID() } }),
  });
  if (faulted) {
    return;
  }
  if (request.method !== 'POST') {
    return sendError(res, 405);
  }
  if (request.headers.authorization !== `Bearer ${apiKey}`) {
    return sendError(res, 401);
  }
  const route = request.path.split('?')[0];
  if (route === '/v2/guard' || route === '/v2/guard/results') {
    return answerV2(route, request.body, res, switches);
  }
  if (route === '/v1/prompt_injection') {
    return answerV1(request.body, res, switches);
  }
  return sendError(res, 404);
}

function answerV2(route: string, body: unknown, res: ServerResponse, switches: LakeraMockSwitches): void {
  const problem = v2RequestProblem(body);
  if (problem !== undefined || !isObject(body)) {
    return sendError(res, 400, problem);
  }
  const messages = body.messages as Array<{ role: string; content: string }>;
  const detections = detect(messages.map((message) => message.content));
  const projectId = typeof body.project_id === 'string' ? body.project_id : DEFAULT_PROJECT;
  const lastMessageId = messages.length - 1;
  const items = detectorsFixture.detectors.map((detector) => {
    const found = detections.find((detection) => detection.detectorType === detector.detector_type);
    return { ...detector, detected: found !== undefined, messageId: found?.messageId ?? lastMessageId };
  });
  if (route === '/v2/guard/results') {
    const results = items.map((item) => ({
      project_id: projectId,
      policy_id: DEFAULT_POLICY,
      detector_id: item.detector_id,
      detector_type: item.detector_type,
      result: item.detected ? 'l1_confident' : 'l5_unlikely',
      custom_matched: false,
      message_id: item.messageId,
    }));
    return sendJson(res, 200, { results });
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply);
  }
  const breakdown = items
    .filter((item) => switches.breakdown === 'full' || item.detected)
    .map((item) => ({
      project_id: projectId,
      policy_id: DEFAULT_POLICY,
      detector_id: item.detector_id,
      detector_type: item.detector_type,
      detected: item.detected,
      message_id: !item.detected && switches.nullMessageIds ? null : item.messageId,
    }));
  const payload = detections.flatMap((detection) =>
    detection.span
      ? [{ ...detection.span, detector_type: detection.detectorType, labels: [], message_id: detection.messageId }]
      : [],
  );
  sendJson(res, 200, {
    flagged: items.some((item) => item.detected),
    ...(body.payload === true ? { payload } : {}),
    ...(body.breakdown === true ? { breakdown } : {}),
    ...(body.dev_info === true ? { dev_info: promptAttackFixture.response.dev_info } : {}),
    metadata: { request_uuid: randomUUID() },
  });
}

function answerV1(body: unknown, res: ServerResponse, switches: LakeraMockSwitches): void {
  const texts = v1Texts(body);
  if (texts === undefined) {
    return sendError(res, 400);
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply);
  }
  const text = texts.join('\n');
  const scores = {
    prompt_injection: switches.v1Scores?.prompt_injection ?? (PROMPT_ATTACK_TRIGGER.test(text) ? 0.999 : 0.0),
    jailbreak: switches.v1Scores?.jailbreak ?? (BLOCK_MARKER.test(text) ? 0.95 : 0.0),
  };
  const categories = { prompt_injection: scores.prompt_injection >= 0.5, jailbreak: scores.jailbreak >= 0.5 };
  sendJson(res, 200, {
    model: v1Fixture.response.model,
    results: [
      {
        categories,
        category_scores: scores,
        flagged: categories.prompt_injection || categories.jailbreak,
        payload: {},
      },
    ],
    dev_info: v1Fixture.response.dev_info,
  });
}

/** Every trigger in every message; spans are per message, end exclusive, in message then text order. */
function detect(texts: readonly string[]): Detection[] {
  return texts.flatMap((text, messageId) => {
    const found: Detection[] = [];
    if (PROMPT_ATTACK_TRIGGER.test(text)) {
      found.push({ detectorType: 'prompt_attack', messageId });
    }
    if (BLOCK_MARKER.test(text)) {
      found.push({ detectorType: 'moderated_content/crime', messageId });
    }
    const spans = SPAN_TRIGGERS.flatMap(({ detectorType, pattern }) =>
      [...text.matchAll(pattern)].map((match) => ({
        detectorType,
        messageId,
        span: { start: match.index, end: match.index + match[0].length, text: match[0] },
      })),
    );
    return [...found, ...spans.sort((a, b) => a.span.start - b.span.start)];
  });
}

/** Optional fields may be missing or null (LiteLLM sends null for unset ones). */
function v2RequestProblem(body: unknown): string | undefined {
  if (!isObject(body) || body.messages === undefined || body.messages === null) {
    return 'messages: field required';
  }
  if (!Array.isArray(body.messages)) {
    return 'messages: value is not a valid list';
  }
  const badMessage = body.messages.findIndex(
    (message: unknown) => !isObject(message) || typeof message.role !== 'string' || typeof message.content !== 'string',
  );
  if (badMessage >= 0) {
    return `messages.${badMessage}: role and content must be strings`;
  }
  const optional: Array<[string, (value: unknown) => boolean]> = [
    ['project_id', (value) => typeof value === 'string'],
    ['payload', (value) => typeof value === 'boolean'],
    ['breakdown', (value) => typeof value === 'boolean'],
    ['dev_info', (value) => typeof value === 'boolean'],
    ['metadata', isObject],
  ];
  const bad = optional.find(([key, valid]) => body[key] !== undefined && body[key] !== null && !valid(body[key]));
  return bad ? `${bad[0]}: invalid value` : undefined;
}

function v1Texts(body: unknown): string[] | undefined {
  if (!isObject(body)) {
    return undefined;
  }
  if (typeof body.input === 'string') {
    return [body.input];
  }
  if (!Array.isArray(body.input)) {
    return undefined;
  }
  const texts = body.input.map((message: unknown) =>
    isObject(message) && typeof message.content === 'string' ? message.content : undefined,
  );
  return texts.every((text): text is string => text !== undefined) ? texts : undefined;
}

function sendError(res: ServerResponse, status: number, message?: string): void {
  switch (status) {
    case 400:
      return sendJson(res, 400, { error: 'Invalid Request', message: message ?? 'Invalid request body' });
    case 401:
      return sendJson(res, 401, { error: 'Unauthorized', message: 'Invalid API key' });
    case 429:
      return sendJson(res, 429, { error: 'Too Many Requests' }, { 'retry-after': '1' });
    default:
      return sendJson(res, status, { error: STATUS_CODES[status] ?? 'Error' });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
