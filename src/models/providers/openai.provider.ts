import { callNative } from './native.call';
import { callOpenAiCompatible } from './openai-compatible.call';
import type { ChatCall, LlmProvider, NativeCall, UpstreamResponse } from './llm-provider.interface';
import type { UpstreamHttpClient } from './upstream-http.client';

const OPENAI_API_BASE = 'https://api.openai.com/v1';

/** `openai/<model>`: OpenAI or any server that speaks its API (vLLM, Ollama, Groq, ...). Unknown fields pass through. */
export class OpenAiProvider implements LlmProvider {
  readonly nativeOperations = new Set(['responses', 'completions', 'embeddings'] as const);

  constructor(private readonly http: UpstreamHttpClient) {}

  complete(call: ChatCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    const url = `${deployment.apiBase ?? OPENAI_API_BASE}/chat/completions`;
    return callOpenAiCompatible(this.http, url, this.auth(call), call, {
      ...call.body,
      model: deployment.upstreamModel,
    });
  }

  forward(call: NativeCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    const url = `${deployment.apiBase ?? OPENAI_API_BASE}/${call.operation}`;
    return callNative(this.http, url, this.auth(call), call, { ...call.body, model: deployment.upstreamModel });
  }

  private auth({ deployment }: ChatCall): Record<string, string> {
    return deployment.apiKey ? { authorization: `Bearer ${deployment.apiKey}` } : {};
  }
}
