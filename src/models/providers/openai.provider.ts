import { callOpenAiCompatible } from './openai-compatible.call';
import type { ChatCall, LlmProvider, UpstreamResponse } from './llm-provider.interface';
import type { UpstreamHttpClient } from './upstream-http.client';

const OPENAI_API_BASE = 'https://api.openai.com/v1';

/** `openai/<model>`: OpenAI or any server that speaks its API (vLLM, Ollama, Groq, ...). Unknown fields pass through. */
export class OpenAiProvider implements LlmProvider {
  constructor(private readonly http: UpstreamHttpClient) {}

  complete(call: ChatCall): Promise<UpstreamResponse> {
    const { deployment } = call;
    const headers: Record<string, string> = deployment.apiKey ? { authorization: `Bearer ${deployment.apiKey}` } : {};
    const url = `${deployment.apiBase ?? OPENAI_API_BASE}/chat/completions`;
    return callOpenAiCompatible(this.http, url, headers, call, { ...call.body, model: deployment.upstreamModel });
  }
}
