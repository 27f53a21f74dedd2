import { callOpenAiCompatible } from './openai-compatible.call';
import type { ChatCall, LlmProvider, UpstreamResponse } from './llm-provider.interface';
import type { UpstreamHttpClient } from './upstream-http.client';

/** `azure/<deployment>`: Azure OpenAI's deployment URL, `api-version` query and `api-key` header. */
export class AzureProvider implements LlmProvider {
  constructor(private readonly http: UpstreamHttpClient) {}

  complete(call: ChatCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    const base = deployment.apiBase ?? '';
    const url =
      `${base}/openai/deployments/${encodeURIComponent(deployment.upstreamModel)}/chat/completions` +
      `?api-version=${encodeURIComponent(deployment.apiVersion ?? '')}`;
    const headers: Record<string, string> = deployment.apiKey ? { 'api-key': deployment.apiKey } : {};
    const { model: _model, ...body } = call.body;
    return callOpenAiCompatible(this.http, url, headers, call, body);
  }
}
