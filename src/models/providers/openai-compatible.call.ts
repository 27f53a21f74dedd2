import type { UpstreamHttpClient, UpstreamHttpResponse } from './upstream-http.client';
import { UpstreamError, type ChatCall, type UpstreamResponse } from './llm-provider.interface';
import { readSseEvents } from './sse.parser';
import { errorDetails, forwardedHeaders, readBody } from './upstream-answer';

/** POSTs `body` as JSON with the deployment's extra headers; a non-2xx answer is thrown as the upstream's error. */
export async function postExpectingSuccess(
  http: UpstreamHttpClient,
  url: string,
  headers: Record<string, string>,
  call: ChatCall,
  body: Record<string, unknown>,
): Promise<UpstreamHttpResponse> {
  const response = await http.post(
    url,
    { ...call.deployment.extraHeaders, ...headers },
    JSON.stringify(body),
    call.signal,
    call.idleTimeoutMs,
  );
  if (response.status < 200 || response.status >= 300) {
    throw await upstreamHttpError(response);
  }
  return response;
}

/** Shared by every provider that speaks OpenAI's chat/completions wire format (openai/, azure/). */
export async function callOpenAiCompatible(
  http: UpstreamHttpClient,
  url: string,
  headers: Record<string, string>,
  call: ChatCall,
  body: Record<string, unknown>,
): Promise<UpstreamResponse> {
  const response = await postExpectingSuccess(http, url, headers, call, body);
  const forwarded = forwardedHeaders(response.headers);
  if (call.stream && !isJson(response.headers['content-type'])) {
    return { kind: 'stream', events: dataOnly(readSseEvents(response.body)), headers: forwarded };
  }
  const text = await readBody(response, call.signal);
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const completion = parsed as Record<string, unknown>;
      // A server without streaming answers a stream request with one JSON completion: replayed as chunks.
      return call.stream
        ? { kind: 'stream', events: toAsync(completionAsChunks(completion)), headers: forwarded }
        : { kind: 'json', body: completion, text, headers: forwarded };
    }
  } catch {
    // reported below
  }
  throw new UpstreamError(
    'invalid_response',
    'upstream answered with a body that is not a JSON object',
    response.status,
  );
}

function isJson(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value !== undefined && /^application\/(?:[\w.+-]*\+)?json\b/i.test(value);
}

/** A whole completion as the chunks a stream would have carried: one per choice, then usage. */
export function completionAsChunks(completion: Record<string, unknown>): string[] {
  const choices = Array.isArray(completion.choices) ? (completion.choices as Array<Record<string, unknown>>) : [];
  if (choices.length === 0) {
    throw new UpstreamError('invalid_response', 'upstream answered a stream request with JSON that is no completion');
  }
  const head = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    ...(completion.system_fingerprint !== undefined ? { system_fingerprint: completion.system_fingerprint } : {}),
  };
  const chunks = choices.map((choice, position) => {
    const message = (choice.message ?? {}) as Record<string, unknown>;
    const toolCalls = Array.isArray(message.tool_calls)
      ? (message.tool_calls as Array<Record<string, unknown>>).map((call, index) => ({ index, ...call }))
      : undefined;
    const delta = { ...message, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
    return {
      ...head,
      choices: [
        {
          index: choice.index ?? position,
          delta,
          finish_reason: choice.finish_reason ?? null,
          ...(choice.logprobs !== undefined ? { logprobs: choice.logprobs } : {}),
        },
      ],
    };
  });
  const usage = completion.usage === undefined ? [] : [{ ...head, choices: [], usage: completion.usage }];
  return [...chunks, ...usage].map((chunk) => JSON.stringify(chunk));
}

async function* toAsync(events: readonly string[]): AsyncGenerator<string> {
  for (const event of events) {
    yield await Promise.resolve(event);
  }
}

export async function* dataOnly(events: AsyncIterable<{ data: string }>): AsyncGenerator<string> {
  for await (const event of events) {
    yield event.data;
  }
}

/** Reads an upstream error body, keeping its message (OpenAI and Anthropic shapes, or plain text). */
export async function upstreamHttpError(response: UpstreamHttpResponse): Promise<UpstreamError> {
  const text = await response.body.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    parsed = undefined;
  }
  const message = extractMessage(parsed) ?? (text.trim().slice(0, 500) || `upstream answered HTTP ${response.status}`);
  return new UpstreamError('http', message, response.status, {
    details: errorDetails(parsed),
    retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    headers: forwardedHeaders(response.headers),
  });
}

function extractMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') {
    return error;
  }
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) {
    return undefined;
  }
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return seconds * 1000;
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
