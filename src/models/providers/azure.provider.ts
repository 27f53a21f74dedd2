import type { ModelDeployment } from '../../config/config.schema';
import { callNative } from './native.call';
import { callOpenAiCompatible } from './openai-compatible.call';
import type { ChatCall, LlmProvider, NativeCall, UpstreamResponse } from './llm-provider.interface';
import type { UpstreamHttpClient } from './upstream-http.client';

/** `azure/<deployment>`: Azure OpenAI's deployment URL, `api-version` query and `api-key` header. */
export class AzureProvider implements LlmProvider {
  readonly nativeOperations = new Set(['responses', 'completions', 'embeddings'] as const);

  constructor(private readonly http: UpstreamHttpClient) {}

  complete(call: ChatCall): Promise<UpstreamResponse> {
    const { model: _model, ...body } = call.body;
    return callOpenAiCompatible(this.http, deploymentUrl(call.deployment, 'chat/completions'), auth(call), call, body);
  }

  /** Completions and embeddings live under the deployment; the Responses API takes the deployment as `model`. */
  forward(call: NativeCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    if (call.operation === 'responses') {
      const url = `${deployment.apiBase ?? ''}/openai/responses?api-version=${encodeURIComponent(deployment.apiVersion ?? '')}`;
      return callNative(this.http, url, auth(call), call, { ...call.body, model: deployment.upstreamModel });
    }
    const { model: _model, ...body } = call.body;
    return callNative(this.http, deploymentUrl(deployment, call.operation), auth(call), call, body);
  }
}

function deploymentUrl(deployment: ModelDeployment, path: string): string {
  return (
    `${deployment.apiBase ?? ''}/openai/deployments/${encodeURIComponent(deployment.upstreamModel)}/${path}` +
    `?api-version=${encodeURIComponent(deployment.apiVersion ?? '')}`
  );
}

function auth({ deployment }: ChatCall): Record<string, string> {
  return deployment.apiKey ? { 'api-key': deployment.apiKey } : {};
}
