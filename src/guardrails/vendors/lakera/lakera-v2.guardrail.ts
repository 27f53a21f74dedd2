import { LAKERA_V2_SPEC } from './lakera.spec';
import { specifiedFactory } from '../spec-factory';
import type { ChatMessage, GuardContext, GuardInput, Rewrite, Verdict } from '../../guardrail.types';
import { textOf } from '../../message-text';
import { applyRanges, locateSpans, maskMessage } from './lakera-mask';
import {
  findingsOf,
  isPiiOnly,
  piiSpansByMessage,
  readBreakdown,
  withoutPayload,
  type BreakdownItem,
} from './lakera-v2.response';
import { joinUrl, postToVendor, withExtraBody } from '../vendor-call';
import { booleanParam, recordParam, stringParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';

const VENDOR = 'Lakera Guard';
export const LAKERA_DEFAULT_API_BASE = 'https://api.lakera.ai';
export const LAKERA_RESPONSE_KEY = 'lakera_ai_response';

interface LakeraV2Settings {
  url: string;
  apiKey: string;
  projectId?: string;
  metadata?: Record<string, unknown>;
  payload: boolean;
  breakdown: boolean;
  devInfo: boolean;
  maskPii: boolean;
}

/** Where a message sent to Lakera came from: an index into `input.messages`, or the assistant response. */
type MessageOrigin = number | 'response';

interface ScreenedConversation {
  messages: Array<{ role: string; content: string }>;
  /** `origins[message_id]`: Lakera's `message_id` indexes the array as sent, without the text-less messages. */
  origins: MessageOrigin[];
}

/** `guardrail: lakera_v2`: Lakera Guard `POST /v2/guard`, with optional PII masking from `payload[]`. */
export const lakeraV2Guardrail = specifiedFactory(LAKERA_V2_SPEC, (definition, deps) => {
  const settings = readSettings(definition.params);
  return {
    definition,
    responseKey: LAKERA_RESPONSE_KEY,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

function readSettings(params: Readonly<Record<string, unknown>>): LakeraV2Settings {
  const projectId = stringParam(params, 'project_id');
  const metadata = recordParam(params, 'metadata');
  return {
    url: joinUrl(stringParam(params, 'api_base') ?? LAKERA_DEFAULT_API_BASE, '/v2/guard'),
    apiKey: stringParam(params, 'api_key') ?? '',
    ...(projectId !== undefined ? { projectId } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    payload: booleanParam(params, 'payload', true),
    breakdown: booleanParam(params, 'breakdown', true),
    devInfo: booleanParam(params, 'dev_info', true),
    maskPii: booleanParam(params, 'mask_pii', false),
  };
}

async function screen(
  settings: LakeraV2Settings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const conversation = conversationOf(input, context);
  if (conversation.messages.length === 0) {
    return { outcome: 'pass' };
  }
  const body = withExtraBody(requestBody(settings, conversation), context.extraBody, ['messages']);
  const answer = await postToVendor(http, VENDOR, settings.url, body, {
    headers: { authorization: `Bearer ${settings.apiKey}` },
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const { flagged } = answer.body;
  if (typeof flagged !== 'boolean') {
    return invalidResponseVerdict(VENDOR, 'without a boolean "flagged"');
  }
  const vendorResponse = withoutPayload(answer.body);
  if (!flagged) {
    return { outcome: 'pass', vendorResponse };
  }
  const breakdown = readBreakdown(answer.body.breakdown);
  const rewrite =
    settings.maskPii && isPiiOnly(breakdown) ? maskedRewrite(answer.body.payload, conversation, input) : undefined;
  const flaggedIn = flagLocation(breakdown, answer.body.payload, conversation.origins);
  return {
    outcome: 'flagged',
    findings: findingsOf(breakdown),
    vendorResponse,
    ...(rewrite ? { rewrite } : {}),
    ...(flaggedIn ? { flaggedIn } : {}),
  };
}

/**
 * Where Lakera says it found something: the messages its detected breakdown items and PII spans name, mapped back to
 * the input or the response. Undefined when both, or when a detected item names no message Warden sent (no breakdown
 * requested, a `null` message_id).
 */
function flagLocation(
  breakdown: readonly BreakdownItem[],
  payload: unknown,
  origins: readonly MessageOrigin[],
): 'input' | 'response' | undefined {
  if (!origins.includes('response')) {
    return 'input';
  }
  const messageIds = [
    ...breakdown.filter((item) => item.detected).map((item) => item.messageId),
    ...(piiSpansByMessage(payload)?.keys() ?? []),
  ];
  const sides = new Set(
    messageIds.map((id) => {
      const origin = id === undefined ? undefined : origins[id];
      return origin === undefined ? 'unknown' : origin === 'response' ? 'response' : 'input';
    }),
  );
  const [side] = sides;
  return sides.size === 1 && side !== 'unknown' ? side : undefined;
}

function conversationOf(input: GuardInput, context: GuardContext): ScreenedConversation {
  const conversation: ScreenedConversation = { messages: [], origins: [] };
  input.messages.forEach((message, index) => {
    const content = textOf(message);
    if (content !== '') {
      conversation.messages.push({ role: message.role, content });
      conversation.origins.push(index);
    }
  });
  if (context.mode === 'post_call' && typeof input.response === 'string' && input.response !== '') {
    conversation.messages.push({ role: 'assistant', content: input.response });
    conversation.origins.push('response');
  }
  return conversation;
}

function requestBody(settings: LakeraV2Settings, conversation: ScreenedConversation): Record<string, unknown> {
  return {
    messages: conversation.messages,
    ...(settings.projectId !== undefined ? { project_id: settings.projectId } : {}),
    payload: settings.payload,
    breakdown: settings.breakdown,
    ...(settings.metadata !== undefined ? { metadata: settings.metadata } : {}),
    dev_info: settings.devInfo,
  };
}

/**
 * Every reported PII span becomes `[MASKED <TYPE>]` in the message it was found in.
 * If any span cannot be located, there is no rewrite and the flag stands: a half-masked message must not go on.
 */
function maskedRewrite(payload: unknown, conversation: ScreenedConversation, input: GuardInput): Rewrite | undefined {
  const spansByMessage = piiSpansByMessage(payload);
  if (!spansByMessage || spansByMessage.size === 0) {
    return undefined;
  }
  const messages: ChatMessage[] = [...input.messages];
  let messagesMasked = false;
  let response: string | undefined;
  for (const [messageId, spans] of spansByMessage) {
    const origin = conversation.origins[messageId];
    const sent = conversation.messages[messageId];
    const ranges = sent ? locateSpans(sent.content, spans) : undefined;
    if (origin === undefined || !sent || !ranges) {
      return undefined;
    }
    if (origin === 'response') {
      response = applyRanges(sent.content, ranges);
      continue;
    }
    const original = input.messages[origin];
    if (!original) {
      return undefined;
    }
    messages[origin] = maskMessage(original, ranges);
    messagesMasked = true;
  }
  return { ...(messagesMasked ? { messages } : {}), ...(response !== undefined ? { response } : {}) };
}
