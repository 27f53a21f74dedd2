import type { ChatMessage, GuardContext, GuardInput, Rewrite, Verdict } from '../../guardrail.types';
import { mapTextSlots } from '../../message-text';
import { specifiedFactory } from '../spec-factory';
import { joinUrl, postToVendor } from '../vendor-call';
import { isRecord, recordParam, stringParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';
import { isStringRecord, readGenericAnswer, vendorResponseOf } from './generic-guardrail-api.response';
import { GENERIC_GUARDRAIL_API_SPEC } from './generic-guardrail-api.spec';

const VENDOR = 'Generic guardrail API';
const ROUTE = '/beta/litellm_basic_guardrail_api';

interface GenericSettings {
  url: string;
  headers: Record<string, string>;
  params: Record<string, unknown>;
}

/** A text sent in `texts`: a message's string content or text part (in message order), or the answer. */
interface TextSlot {
  message: number;
  slot: number;
}

export const genericGuardrailApiGuardrail = specifiedFactory(GENERIC_GUARDRAIL_API_SPEC, (definition, deps) => {
  const params = definition.params;
  const base = stringParam(params, 'api_base') ?? '';
  const apiKey = stringParam(params, 'api_key');
  const headers = isStringRecord(params.headers) ? params.headers : {};
  const settings: GenericSettings = {
    // LiteLLM appends the route unless api_base already ends with it.
    url: base.replace(/\/+$/, '').endsWith(ROUTE) ? base.replace(/\/+$/, '') : joinUrl(base, ROUTE),
    headers: { ...headers, ...(apiKey !== undefined ? { 'x-api-key': apiKey } : {}) },
    params: recordParam(params, 'additional_provider_specific_params') ?? {},
  };
  return {
    definition,
    responseKey: GENERIC_GUARDRAIL_API_SPEC.responseKey,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

async function screen(
  settings: GenericSettings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const answerSide = context.mode === 'post_call';
  const { texts, slots } = answerSide ? { texts: [input.response ?? ''], slots: [] } : requestTexts(input.messages);
  if (texts.length === 0 && !answerSide) {
    return { outcome: 'pass' };
  }
  const body = requestBody(settings, input, context, texts, answerSide);
  const answer = await postToVendor(http, VENDOR, settings.url, body, {
    headers: settings.headers,
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const reading = readGenericAnswer(answer.body);
  if (!reading) {
    return invalidResponseVerdict(VENDOR, '"texts" that is not a list of strings');
  }
  if (reading.texts !== undefined && reading.texts.length !== texts.length) {
    return invalidResponseVerdict(VENDOR, `${reading.texts.length} texts for the ${texts.length} sent`);
  }
  const flaggedIn = answerSide ? 'response' : 'input';
  if (reading.action === 'BLOCKED') {
    return {
      outcome: 'flagged',
      findings: [{ detector: 'generic_guardrail_api', type: 'BLOCKED', count: 1 }],
      vendorResponse: vendorResponseOf({ blocked_reason: 'Content violates policy', ...answer.body }, 0),
      flaggedIn,
    };
  }
  // As LiteLLM: any other answer's texts replace what was sent, whatever the action says.
  const changed = reading.texts?.filter((text, index) => text !== texts[index]).length ?? 0;
  if (changed === 0) {
    return { outcome: 'pass', vendorResponse: vendorResponseOf(answer.body, 0) };
  }
  const rewrite: Rewrite = answerSide
    ? { response: (reading.texts as string[])[0] }
    : { messages: rewriteMessages(input.messages, slots, reading.texts as string[]) };
  return {
    outcome: 'flagged',
    findings: [
      {
        detector: 'generic_guardrail_api',
        type: reading.action === 'OTHER' ? 'REWRITE' : reading.action,
        count: changed,
      },
    ],
    vendorResponse: vendorResponseOf(answer.body, changed),
    rewrite,
    flaggedIn,
  };
}

/** Every text of every message, one per string content or text part, in message order (LiteLLM's `texts`). */
function requestTexts(messages: readonly ChatMessage[]): { texts: string[]; slots: TextSlot[] } {
  const texts: string[] = [];
  const slots: TextSlot[] = [];
  messages.forEach((message, index) => {
    const { content } = message;
    if (typeof content === 'string') {
      if (content !== '') {
        texts.push(content);
        slots.push({ message: index, slot: 0 });
      }
    } else if (Array.isArray(content)) {
      content.forEach((part, slot) => {
        if (typeof part?.text === 'string' && part.text !== '') {
          texts.push(part.text);
          slots.push({ message: index, slot });
        }
      });
    }
  });
  return { texts, slots };
}

function rewriteMessages(
  messages: readonly ChatMessage[],
  slots: readonly TextSlot[],
  texts: readonly string[],
): ChatMessage[] {
  const copy = [...messages];
  slots.forEach(({ message, slot }, index) => {
    const original = copy[message];
    if (typeof original.content === 'string') {
      copy[message] = { ...original, content: texts[index] };
    } else if (Array.isArray(original.content)) {
      const parts = [...original.content];
      parts[slot] = { ...parts[slot], text: texts[index] };
      copy[message] = { ...original, content: parts };
    }
  });
  return copy;
}

/** LiteLLM's `GenericGuardrailAPIRequest`: every key sent, `null` where Warden has nothing to say. */
function requestBody(
  settings: GenericSettings,
  input: GuardInput,
  context: GuardContext,
  texts: readonly string[],
  answerSide: boolean,
): Record<string, unknown> {
  const images = answerSide ? [] : imageUrls(input.messages);
  const toolCalls = answerSide
    ? []
    : input.messages.flatMap((message): unknown[] => (Array.isArray(message.tool_calls) ? message.tool_calls : []));
  return {
    input_type: answerSide ? 'response' : 'request',
    texts,
    structured_messages: answerSide ? null : input.messages.map((message) => mapTextSlots(message, (text) => text)),
    images: images.length > 0 ? images : null,
    tools: null,
    tool_calls: toolCalls.length > 0 ? toolCalls : null,
    request_data: {},
    request_headers: null,
    litellm_call_id: context.requestId,
    litellm_trace_id: context.requestId,
    litellm_version: null,
    additional_provider_specific_params: { ...settings.params, ...safeExtraBody(context.extraBody) },
    model: null,
  };
}

function imageUrls(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((message) =>
    Array.isArray(message.content)
      ? message.content.flatMap((part) => {
          const image = part?.image_url;
          const url = isRecord(image) ? image.url : image;
          return part?.type === 'image_url' && typeof url === 'string' ? [url] : [];
        })
      : [],
  );
}

/** A request's `extra_body` adds to the service parameters (the request wins, as in LiteLLM); never prototype keys. */
function safeExtraBody(extraBody: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(extraBody ?? {}).filter(
      ([key]) => key !== '__proto__' && key !== 'constructor' && key !== 'prototype',
    ),
  );
}
