import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import modifyFixture from '../fixtures/vendors/aporia.modify.json';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * Aporia guardrails on node:http: `POST /<project_id>/validate`. Without a forced action it blocks on triggers in
 * the targeted text ("ignore (all) previous instructions", an e-mail address, the marker word `BLOCKME`) and passes
 * everything else through.
 */

export const APORIA_MOCK_API_KEY = 'aporia-test-key';
export const APORIA_MOCK_PROJECT = 'proj-test';

export type AporiaAction = 'passthrough' | 'block' | 'modify' | 'rephrase';

/**
 * The shared faults, where `status` answers Aporia's error body (401, 422, 429, 500, ...) and `wrongShape` answers
 * JSON without a valid `action`; and Aporia's own switches.
 */
export interface AporiaMockSwitches extends VendorFaultSwitches {
  /** Answer this action whatever the text says. */
  action?: AporiaAction;
  /** `revised_prompt` for a forced action (default null). */
  revisedPrompt?: string | null;
  /** `revised_response` for a forced action (defaults per action). */
  revisedResponse?: string | null;
}

export interface AporiaMockOptions extends Partial<AporiaMockSwitches> {
  apiKey?: string;
  projectId?: string;
}

interface Policy {
  policy_id: string;
  policy_type: string;
  target: 'prompt' | 'response';
}

const ROLES = new Set(['system', 'user', 'assistant', 'other']);
const TARGETS = new Set(['prompt', 'response', 'both']);
const TRIGGERS: ReadonlyArray<{ pattern: RegExp; policy: string; blockMessage: string }> = [
  {
    pattern: /ignore (all )?previous instructions/i,
    policy: 'prompt_injection',
    blockMessage: 'Aporia detected and blocked a prompt injection',
  },
  {
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/,
    policy: 'pii',
    blockMessage: 'Aporia detected and blocked PII',
  },
  {
    pattern: /\bBLOCKME\b/,
    policy: 'restricted_topics',
    blockMessage: 'Aporia detected and blocked restricted content',
  },
];
const DEFAULT_REVISED: Record<AporiaAction, string | null> = {
  passthrough: null,
  block: 'Aporia blocked this content',
  modify: modifyFixture.response.revised_response,
  rephrase: 'Please rephrase your request.',
};

export class AporiaMock extends SwitchedMockServer<AporiaMockSwitches> {
  constructor(
    private readonly apiKey: string,
    private readonly projectId: string,
    initial: Partial<AporiaMockSwitches>,
  ) {
    super(NO_FAULTS, initial, (request, res, req, switches) => answer(request, res, req, switches, apiKey, projectId));
  }

  /** The `api_base` to configure: the mock's URL plus the project id, as Aporia's real base URLs are. */
  get apiBase(): string {
    return `${this.url}/${this.projectId}`;
  }

  /** The X-APORIA-API-KEY this mock accepts. */
  get expectedApiKey(): string {
    return this.apiKey;
  }
}

export async function startAporiaMock(options: AporiaMockOptions = {}): Promise<AporiaMock> {
  const { apiKey = APORIA_MOCK_API_KEY, projectId = APORIA_MOCK_PROJECT, ...switches } = options;
  return new AporiaMock(apiKey, projectId, switches).start();
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: AporiaMockSwitches,
  apiKey: string,
  projectId: string,
): Promise<void> {
  const faulted = await playFault(switches, res, req, {
    status: (status) => sendError(res, status),
    wrongShape: () => sendJson(res, 200, { verdict: 'ok', revised_response: null }),
  });
  if (faulted) {
    return;
  }
  if (request.method !== 'POST' || request.path.split('?')[0] !== `/${projectId}/validate`) {
    return sendJson(res, 404, { detail: 'Not Found' });
  }
  if (request.headers['x-aporia-api-key'] !== apiKey) {
    return sendError(res, 401);
  }
  const problem = requestProblem(request.body);
  if (problem !== undefined || !isObject(request.body)) {
    return sendJson(res, 422, {
      detail: [{ loc: ['body', problem?.[0] ?? ''], msg: problem?.[1], type: 'value_error' }],
    });
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply);
  }
  sendJson(res, 200, validate(request.body, switches));
}

function validate(body: Record<string, unknown>, switches: AporiaMockSwitches): Record<string, unknown> {
  const target = typeof body.validation_target === 'string' ? body.validation_target : 'both';
  const texts: Array<{ target: Policy['target']; text: string }> = [];
  if (target !== 'response') {
    for (const message of body.messages as Array<{ content: string }>) {
      texts.push({ target: 'prompt', text: message.content });
    }
  }
  if (target !== 'prompt') {
    texts.push({ target: 'response', text: body.response as string });
  }
  const hits = TRIGGERS.flatMap((trigger) =>
    texts.filter(({ text }) => trigger.pattern.test(text)).map(({ target: hitTarget }) => ({ trigger, hitTarget })),
  );
  const action: AporiaAction = switches.action ?? (hits.length > 0 ? 'block' : 'passthrough');
  const policies: Policy[] = hits.map(({ trigger, hitTarget }) => ({
    policy_id: `${trigger.policy}_001`,
    policy_type: trigger.policy,
    target: hitTarget,
  }));
  if (action !== 'passthrough' && policies.length === 0) {
    policies.push({
      policy_id: '001',
      policy_type: 'content_check',
      target: target === 'prompt' ? 'prompt' : 'response',
    });
  }
  const revisedResponse =
    switches.revisedResponse !== undefined
      ? switches.revisedResponse
      : switches.action === undefined && hits[0]
        ? hits[0].trigger.blockMessage
        : DEFAULT_REVISED[action];
  return {
    action,
    revised_prompt: switches.revisedPrompt ?? null,
    revised_response: revisedResponse,
    explain_log:
      body.explain === true
        ? policies.map((policy) => ({
            policy_id: policy.policy_id,
            target: policy.target,
            result: 'issue_detected',
            details: {},
          }))
        : null,
    ...(action !== 'passthrough'
      ? {
          policy_execution_result: {
            policy_log: policies,
            action: { type: action, revised_message: revisedResponse },
          },
        }
      : {}),
  };
}

function requestProblem(body: unknown): [string, string] | undefined {
  if (!isObject(body)) {
    return ['', 'body must be a JSON object'];
  }
  if (!Array.isArray(body.messages)) {
    return ['messages', 'field required'];
  }
  const badMessage = body.messages.findIndex(
    (message: unknown) =>
      !isObject(message) ||
      typeof message.role !== 'string' ||
      !ROLES.has(message.role) ||
      typeof message.content !== 'string',
  );
  if (badMessage >= 0) {
    return ['messages', `message ${badMessage}: role must be system/user/assistant/other and content a string`];
  }
  const target = body.validation_target ?? 'both';
  if (typeof target !== 'string' || !TARGETS.has(target)) {
    return ['validation_target', 'must be prompt, response or both'];
  }
  if (target !== 'prompt' && typeof body.response !== 'string') {
    return ['response', `field required when validation_target is ${target}`];
  }
  if (body.explain !== undefined && typeof body.explain !== 'boolean') {
    return ['explain', 'must be a boolean'];
  }
  return undefined;
}

function sendError(res: ServerResponse, status: number): void {
  switch (status) {
    case 401:
      return sendJson(res, 401, { detail: 'Invalid API key' });
    case 422:
      return sendJson(res, 422, {
        detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error' }],
      });
    case 429:
      return sendJson(res, 429, { detail: 'Rate limit exceeded' }, { 'retry-after': '1' });
    default:
      return sendJson(res, status, { detail: STATUS_CODES[status] ?? 'Error' });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
