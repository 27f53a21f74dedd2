import { randomUUID } from 'node:crypto';
import {
  UpstreamError,
  type ChatCall,
  type LlmProvider,
  type NativeCall,
  type UpstreamResponse,
} from './llm-provider.interface';
import { mockEmbeddings } from './mock-embeddings';

const DEFAULT_MOCK_RESPONSE = 'Hello from Warden! This is a mock response: no upstream was called.';
/** In `mock_response`, replaced by the text of the last user message as it reached the model (masks applied). */
export const LAST_USER_MESSAGE = '{last_user_message}';

/**
 * `mock/<name>`: answers locally with `mock_response` (the request body's wins over litellm_params), so demos and
 * tests run offline. `{last_user_message}` in it echoes what reached the model, so a demo shows what the guardrails
 * masked. Streams word by word.
 */
export class MockProvider implements LlmProvider {
  readonly nativeOperations: ReadonlySet<NativeCall['operation']> = new Set(['embeddings'] as const);

  /** Embeddings: deterministic vectors derived from each input text, so masked input gives other vectors. */
  forward(call: NativeCall): Promise<UpstreamResponse> {
    const refusal = embeddingsRefusal(call.body);
    if (refusal) {
      return Promise.reject(refusal);
    }
    return Promise.resolve({ kind: 'json', body: mockEmbeddings(call.body, call.deployment.upstreamModel) });
  }

  complete(call: ChatCall): Promise<UpstreamResponse> {
    const fromBody = call.body.mock_response;
    const template = typeof fromBody === 'string' ? fromBody : (call.deployment.mockResponse ?? DEFAULT_MOCK_RESPONSE);
    const content = template.includes(LAST_USER_MESSAGE)
      ? template.replaceAll(LAST_USER_MESSAGE, lastUserText(call.body.messages))
      : template;
    const id = `chatcmpl-mock-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const model = call.deployment.upstreamModel;
    const promptTokens = estimateTokens(JSON.stringify(call.body.messages ?? ''));
    const completionTokens = estimateTokens(content);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    if (!call.stream) {
      return Promise.resolve({
        kind: 'json',
        body: {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
          usage,
        },
      });
    }
    const chunk = (
      delta: Record<string, unknown>,
      finishReason: string | null,
      extra: Record<string, unknown> = {},
    ): string =>
      JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
        ...extra,
      });
    async function* events(): AsyncGenerator<string> {
      yield chunk({ role: 'assistant', content: '' }, null);
      for (const piece of content.match(/\S+\s*|\s+/g) ?? []) {
        // Yield to the event loop between chunks, as a real upstream would, so they flush one by one.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (call.signal.aborted) {
          return;
        }
        yield chunk({ content: piece }, null);
      }
      yield chunk({}, 'stop', { usage });
    }
    return Promise.resolve({ kind: 'stream', events: events() });
  }
}

/** The limits OpenAI's embeddings API sets, which keep one request from allocating without bound. */
const MAX_EMBEDDING_DIMENSIONS = 3072;
const MAX_EMBEDDING_INPUTS = 2048;

function embeddingsRefusal(body: Readonly<Record<string, unknown>>): UpstreamError | undefined {
  const refuse = (param: string, message: string): UpstreamError =>
    new UpstreamError('http', message, 400, { details: { type: 'invalid_request_error', param, code: null } });
  if (typeof body.dimensions === 'number' && body.dimensions > MAX_EMBEDDING_DIMENSIONS) {
    return refuse('dimensions', `dimensions must be at most ${MAX_EMBEDDING_DIMENSIONS} for mock embeddings`);
  }
  if (Array.isArray(body.input) && body.input.length > MAX_EMBEDDING_INPUTS) {
    return refuse('input', `input must hold at most ${MAX_EMBEDDING_INPUTS} items`);
  }
  return undefined;
}

/** The text of the last `user` message: its string content, or its text parts joined by newlines. */
export function lastUserText(messages: unknown): string {
  const list = Array.isArray(messages) ? (messages as unknown[]) : [];
  const last = list.findLast(
    (message): message is { content?: unknown } =>
      typeof message === 'object' && message !== null && (message as { role?: unknown }).role === 'user',
  );
  const content = last?.content;
  if (typeof content === 'string') {
    return content;
  }
  if (!Array.isArray(content)) {
    return '';
  }
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .filter((text) => text !== '')
    .join('\n');
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
