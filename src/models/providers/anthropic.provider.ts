import { AnthropicStreamMapper, fromAnthropicResponse, toAnthropicRequest } from './anthropic.mapper';
import { upstreamHttpError } from './openai-compatible.call';
import type { ModelDeployment } from '../../config/config.schema';
import { callNative } from './native.call';
import {
  UpstreamError,
  type ChatCall,
  type LlmProvider,
  type NativeCall,
  type UpstreamResponse,
} from './llm-provider.interface';
import { readSseEvents } from './sse.parser';
import { forwardedHeaders, readBody } from './upstream-answer';
import type { UpstreamHttpClient } from './upstream-http.client';

const ANTHROPIC_API_BASE = 'https://api.anthropic.com';
const ANTHROPIC_VERSION = '2023-06-01';

/** `anthropic/<model>`: translated to and from the Messages API. */
export class AnthropicProvider implements LlmProvider {
  readonly nativeOperations = new Set(['messages'] as const);

  constructor(private readonly http: UpstreamHttpClient) {}

  /** `/v1/messages` as the client wrote it, with the client's `anthropic-version` and `anthropic-beta`. */
  forward(call: NativeCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    const headers: Record<string, string> = {
      'anthropic-version': call.headers?.['anthropic-version'] ?? ANTHROPIC_VERSION,
      ...(call.headers?.['anthropic-beta'] ? { 'anthropic-beta': call.headers['anthropic-beta'] } : {}),
      ...(deployment.apiKey ? { 'x-api-key': deployment.apiKey } : {}),
    };
    return callNative(this.http, messagesUrl(deployment), headers, call, {
      ...call.body,
      model: deployment.upstreamModel,
    });
  }

  async complete(call: ChatCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    const url = messagesUrl(deployment);
    const headers: Record<string, string> = {
      ...deployment.extraHeaders,
      'anthropic-version': ANTHROPIC_VERSION,
      ...(deployment.apiKey ? { 'x-api-key': deployment.apiKey } : {}),
    };
    const request = toAnthropicRequest(call.body, deployment.upstreamModel, call.stream);
    const response = await this.http.post(url, headers, JSON.stringify(request), call.signal, call.idleTimeoutMs);
    if (response.status < 200 || response.status >= 300) {
      throw await upstreamHttpError(response);
    }
    const forwarded = forwardedHeaders(response.headers);
    if (call.stream) {
      return { kind: 'stream', events: translateStream(readSseEvents(response.body)), headers: forwarded };
    }
    const text = await readBody(response, call.signal);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UpstreamError('invalid_response', 'anthropic answered with a body that is not JSON', response.status);
    }
    return { kind: 'json', body: fromAnthropicResponse(parsed as Record<string, unknown>), headers: forwarded };
  }
}

function messagesUrl(deployment: ModelDeployment): string {
  return `${(deployment.apiBase ?? ANTHROPIC_API_BASE).replace(/\/v1$/, '')}/v1/messages`;
}

async function* translateStream(events: AsyncIterable<{ data: string }>): AsyncGenerator<string> {
  const mapper = new AnthropicStreamMapper();
  for await (const event of events) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      continue;
    }
    for (const chunk of mapper.map(parsed as Record<string, unknown>)) {
      yield JSON.stringify(chunk);
    }
  }
}
