import { APORIA_SPEC } from './aporia.spec';
import { specifiedFactory } from '../spec-factory';
import type { Finding, GuardContext, GuardInput, Rewrite, Verdict } from '../../guardrail.types';
import { textOf } from '../../message-text';
import { joinUrl, postToVendor, withExtraBody } from '../vendor-call';
import { replaceText } from '../replace-text';
import { isRecord, stringParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow, tallyFindings } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';

const VENDOR = 'Aporia';
export const APORIA_RESPONSE_KEY = 'aporia_ai_response';

const APORIA_ACTIONS = ['passthrough', 'block', 'modify', 'rephrase'] as const;
type AporiaAction = (typeof APORIA_ACTIONS)[number];
const APORIA_ROLES = new Set(['system', 'user', 'assistant']);

interface AporiaSettings {
  url: string;
  apiKey: string;
}

/**
 * `guardrail: aporia`: `POST {api_base}/validate`, where api_base already names the project
 * (`https://gr-prd.aporia.com/<project_id>`).
 */
export const aporiaGuardrail = specifiedFactory(APORIA_SPEC, (definition, deps) => {
  const settings: AporiaSettings = {
    url: joinUrl(stringParam(definition.params, 'api_base') ?? '', '/validate'),
    apiKey: stringParam(definition.params, 'api_key') ?? '',
  };
  return {
    definition,
    responseKey: APORIA_RESPONSE_KEY,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

async function screen(
  settings: AporiaSettings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const response = context.mode === 'post_call' && typeof input.response === 'string' ? input.response : undefined;
  const messages = input.messages
    .map((message) => ({ role: APORIA_ROLES.has(message.role) ? message.role : 'other', content: textOf(message) }))
    .filter((message) => message.content !== '');
  if (messages.length === 0 && response === undefined) {
    return { outcome: 'pass' };
  }
  const built =
    response === undefined
      ? { messages, validation_target: 'prompt' }
      : { messages, validation_target: 'both', response };
  const body = withExtraBody(built, context.extraBody, ['messages', 'validation_target', 'response']);
  const answer = await postToVendor(http, VENDOR, settings.url, body, {
    headers: { 'x-aporia-api-key': settings.apiKey },
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const action = answer.body.action;
  if (!isAporiaAction(action)) {
    return invalidResponseVerdict(VENDOR, `an unknown action: ${JSON.stringify(action) ?? 'none'}`);
  }
  if (action === 'passthrough') {
    return { outcome: 'pass', vendorResponse: answer.body };
  }
  const rewrite = action === 'modify' ? modifiedContent(answer.body, input, response !== undefined) : undefined;
  const flaggedIn = response === undefined ? 'input' : flagLocation(answer.body);
  return {
    outcome: 'flagged',
    findings: findingsOf(answer.body, action),
    vendorResponse: answer.body,
    ...(rewrite ? { rewrite } : {}),
    ...(flaggedIn ? { flaggedIn } : {}),
  };
}

/**
 * With the prompt and the response screened (`validation_target: both`): the side the policy log's `target`s name,
 * or undefined when they name both or an entry has none.
 */
function flagLocation(body: Record<string, unknown>): 'input' | 'response' | undefined {
  const execution = isRecord(body.policy_execution_result) ? body.policy_execution_result : {};
  const policyLog: unknown[] = Array.isArray(execution.policy_log) ? execution.policy_log : [];
  const targets = new Set(policyLog.map((entry) => (isRecord(entry) ? entry.target : undefined)));
  if (targets.size !== 1) {
    return undefined;
  }
  return targets.has('prompt') ? 'input' : targets.has('response') ? 'response' : undefined;
}

function isAporiaAction(value: unknown): value is AporiaAction {
  return typeof value === 'string' && (APORIA_ACTIONS as readonly string[]).includes(value);
}

/**
 * `modify` carries the replacement text. With a response screened, `revised_response` replaces it; on the prompt
 * side `revised_prompt` (observed, undocumented) replaces the last user message, else `revised_response` does.
 */
function modifiedContent(
  body: Record<string, unknown>,
  input: GuardInput,
  responseScreened: boolean,
): Rewrite | undefined {
  const revisedResponse = typeof body.revised_response === 'string' ? body.revised_response : undefined;
  if (responseScreened) {
    return revisedResponse !== undefined ? { response: revisedResponse } : undefined;
  }
  const revisedPrompt = typeof body.revised_prompt === 'string' ? body.revised_prompt : revisedResponse;
  const lastUser = input.messages.map((message) => message.role).lastIndexOf('user');
  const original = input.messages[lastUser];
  if (revisedPrompt === undefined || !original) {
    return undefined;
  }
  const messages = [...input.messages];
  messages[lastUser] = replaceText(original, revisedPrompt);
  return { messages };
}

function findingsOf(body: Record<string, unknown>, action: AporiaAction): Finding[] {
  const execution = isRecord(body.policy_execution_result) ? body.policy_execution_result : {};
  const policyLog: unknown[] = Array.isArray(execution.policy_log) ? execution.policy_log : [];
  const policies = policyLog.filter(isRecord).map((entry) => ({
    detector: 'aporia',
    type: typeof entry.policy_type === 'string' ? entry.policy_type : action,
    ...(typeof entry.policy_id === 'string' ? { ruleId: entry.policy_id } : {}),
  }));
  return policies.length > 0 ? tallyFindings(policies) : [{ detector: 'aporia', type: action, count: 1 }];
}
