import { dataOnly, postExpectingSuccess } from './openai-compatible.call';
import { UpstreamError, type NativeCall, type UpstreamResponse } from './llm-provider.interface';
import { readSseEvents } from './sse.parser';
import { forwardedHeaders, readBody } from './upstream-answer';
import type { UpstreamHttpClient } from './upstream-http.client';

/**
 * Sends a native API call (Responses, Messages, completions, embeddings) as it is and hands the answer back in that
 * API's own format: a JSON object, or the `data` payloads of its event stream.
 */
export async function callNative(
  http: UpstreamHttpClient,
  url: string,
  headers: Record<string, string>,
  call: NativeCall,
  body: Record<string, unknown>,
): Promise<UpstreamResponse> {
  const response = await postExpectingSuccess(http, url, headers, call, body);
  const forwarded = forwardedHeaders(response.headers);
  const contentType = String(response.headers['content-type'] ?? '');
  if (call.stream && contentType.startsWith('text/event-stream')) {
    return { kind: 'stream', events: dataOnly(readSseEvents(response.body)), headers: forwarded };
  }
  const text = await readBody(response, call.signal);
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return { kind: 'json', body: parsed as Record<string, unknown>, text, headers: forwarded };
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
