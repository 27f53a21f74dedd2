import { isPlainObject } from '../../config/config.env';
import { UpstreamError } from './llm-provider.interface';
import { isBodyTimeout, type UpstreamHttpResponse } from './upstream-http.client';

/** Rate-limit headers clients act on: the OpenAI SDK waits `retry-after(-ms)`; apps throttle on the remaining counts. */
const FORWARDED_HEADER = /^(?:retry-after(?:-ms)?|x-ratelimit-[a-z0-9-]+|anthropic-ratelimit-[a-z0-9-]+)$/;

/** The upstream's rate-limit headers, to send back to the client with the answer or the error. */
export function forwardedHeaders(headers: UpstreamHttpResponse['headers']): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && FORWARDED_HEADER.test(name)) {
      forwarded[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return forwarded;
}

/**
 * The upstream's body as text. A connection lost while the body is still arriving is a connection failure (retried,
 * then a 502), not an internal error.
 */
export async function readBody(response: UpstreamHttpResponse, signal: AbortSignal): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    if (signal.aborted) {
      throw signal.reason instanceof Error ? signal.reason : error;
    }
    if (isBodyTimeout(error)) {
      throw new UpstreamError('timeout', 'upstream stopped sending its answer within the timeout', response.status);
    }
    throw new UpstreamError(
      'connection',
      `upstream connection lost while reading the answer: ${(error as Error).message}`,
      response.status,
    );
  }
}

/** What an upstream error body says beyond its message, in OpenAI's shape or Anthropic's (`error.type`). */
export interface UpstreamErrorDetails {
  type?: string;
  param?: string | null;
  code?: string | null;
}

export function errorDetails(body: unknown): UpstreamErrorDetails {
  const error = isPlainObject(body) ? body.error : undefined;
  if (!isPlainObject(error)) {
    return {};
  }
  const details: UpstreamErrorDetails = {};
  if (typeof error.type === 'string') {
    details.type = error.type;
  }
  if (typeof error.param === 'string' || error.param === null) {
    details.param = error.param;
  }
  if (typeof error.code === 'string' || error.code === null) {
    details.code = error.code;
  } else if (typeof error.code === 'number') {
    details.code = String(error.code);
  }
  return details;
}
