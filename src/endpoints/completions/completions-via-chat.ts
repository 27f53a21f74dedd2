/**
 * `/v1/completions` on a model that speaks only chat completions (mock/, anthropic/): one prompt becomes one user
 * message, and the chat answer becomes a `text_completion`. What chat cannot express is a 400 naming the field.
 */
import { isPlainObject } from '../../config/config.env';
import type { ModelDeployment } from '../../config/config.schema';
import { assertUnreachable, WardenError } from '../../common/warden.error';
import { UpstreamError, type UpstreamResponse } from '../../models/providers/llm-provider.interface';
import type { ChatTranslation } from '../../models/upstream-request';
import type { CompletionsRequest } from './completions-request';

type Json = Record<string, unknown>;

/** Completions-only fields: refused when set (see `refuseUntranslatable`), never sent to a chat upstream. */
const COMPLETIONS_ONLY = ['prompt', 'suffix', 'echo', 'best_of', 'logprobs'];

export function completionsViaChat(request: CompletionsRequest): ChatTranslation {
  return {
    request: (deployment) => completionsChatBody(request, deployment),
    answer: (response) => chatAnswerAsCompletions(response),
  };
}

export function completionsChatBody(request: CompletionsRequest, deployment: ModelDeployment): Json {
  const prompt = refuseUntranslatable(request, deployment);
  const chat: Json = {};
  for (const [key, value] of Object.entries(request.body)) {
    if (!COMPLETIONS_ONLY.includes(key)) {
      chat[key] = value;
    }
  }
  chat.messages = [{ role: 'user', content: prompt }];
  return chat;
}

/**
 * The one prompt text, or a 400 naming what chat completions cannot do. A prompt list is refused rather than fanned
 * out: one request is one upstream call, so retries, fallbacks and usage stay those of a single call.
 */
function refuseUntranslatable(request: CompletionsRequest, deployment: ModelDeployment): string {
  const refuse = (param: string, what: string): WardenError =>
    WardenError.invalidRequest(
      `model ${deployment.modelName} (${deployment.provider}/) answers /v1/completions through chat completions, ` +
        `which cannot ${what}: ${param} is not supported for this model`,
      param,
    );
  const { body, prompt } = request;
  if (prompt.kind === 'tokens') {
    throw refuse('prompt', 'read token ids');
  }
  if (prompt.texts.length !== 1) {
    throw refuse('prompt', 'answer several prompts in one call (send one prompt per request)');
  }
  if (request.suffix !== undefined) {
    throw refuse('suffix', 'insert text before a suffix');
  }
  if (request.echo) {
    throw refuse('echo', 'repeat the prompt');
  }
  if (isSet(body.best_of) && body.best_of !== 1) {
    throw refuse('best_of', 'pick the best of several answers');
  }
  if (isSet(body.logprobs)) {
    throw refuse('logprobs', 'return log probabilities of legacy completions');
  }
  return prompt.texts[0];
}

export function chatAnswerAsCompletions(response: UpstreamResponse): UpstreamResponse {
  switch (response.kind) {
    case 'json':
      return { ...response, body: chatCompletionAsText(response.body) };
    case 'stream':
      return { ...response, events: chatChunksAsText(response.events) };
    default:
      return assertUnreachable(response);
  }
}

/** A `chat.completion` as a `text_completion`: each choice's `message.content` becomes its `text`. */
export function chatCompletionAsText(completion: Json): Json {
  const choices = Array.isArray(completion.choices) ? completion.choices.filter(isPlainObject) : [];
  return {
    ...head(completion),
    choices: choices.map((choice, position) => ({
      index: typeof choice.index === 'number' ? choice.index : position,
      text: messageText(isPlainObject(choice.message) ? choice.message : {}),
      logprobs: null,
      finish_reason: choice.finish_reason ?? null,
    })),
    ...(completion.usage !== undefined ? { usage: completion.usage } : {}),
  };
}

/**
 * Chat chunks as completion chunks, each a whole `text_completion` carrying a text fragment per choice. Chunks with
 * nothing to say (the role-only opener) are dropped; usage comes last in a chunk of its own with `choices: []`, as
 * OpenAI sends it.
 */
export async function* chatChunksAsText(events: AsyncIterable<string>): AsyncGenerator<string> {
  let usage: unknown;
  let last: Json | undefined;
  for await (const data of events) {
    const chunk = parseChunk(data);
    last = chunk;
    usage = chunk.usage ?? usage;
    const choices = (Array.isArray(chunk.choices) ? chunk.choices.filter(isPlainObject) : []).flatMap((choice) => {
      const text = messageText(isPlainObject(choice.delta) ? choice.delta : {});
      const finishReason = choice.finish_reason ?? null;
      return text === '' && finishReason === null
        ? []
        : [{ index: choice.index ?? 0, text, logprobs: null, finish_reason: finishReason }];
    });
    if (choices.length > 0) {
      yield JSON.stringify({ ...head(chunk), choices });
    }
  }
  if (usage !== undefined && usage !== null && last !== undefined) {
    yield JSON.stringify({ ...head(last), choices: [], usage });
  }
}

function head(chat: Json): Json {
  const id = typeof chat.id === 'string' ? chat.id.replace(/^chatcmpl-/, '') : '';
  return {
    id: `cmpl-${id}`,
    object: 'text_completion',
    created: chat.created,
    model: chat.model,
    ...(chat.system_fingerprint !== undefined ? { system_fingerprint: chat.system_fingerprint } : {}),
  };
}

/** The answer's text: `content` (a string or text parts), else a refusal, else nothing. */
function messageText(message: Json): string {
  const { content, refusal } = message;
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content.map((part) => (isPlainObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return typeof refusal === 'string' ? refusal : '';
}

function parseChunk(data: string): Json {
  try {
    const parsed = JSON.parse(data) as unknown;
    if (isPlainObject(parsed)) {
      return parsed;
    }
  } catch {
    // reported below
  }
  throw new UpstreamError('invalid_response', 'the chat upstream sent a stream event that is not a JSON object');
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
