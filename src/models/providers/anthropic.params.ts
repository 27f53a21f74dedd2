/** What OpenAI parameters and usage become on the Anthropic Messages API beyond messages and tools. */
import { WardenError } from '../../common/warden.error';

type Json = Record<string, unknown>;

/** The tool an OpenAI `response_format` becomes: Claude is made to call it, and its input is the JSON answer. */
export const JSON_ANSWER_TOOL = 'json_answer';

/**
 * OpenAI usage from Anthropic's: prompt tokens include the ones read from and written to the prompt cache (Anthropic
 * counts them apart from `input_tokens`), and the cached reads are reported as `prompt_tokens_details.cached_tokens`.
 */
export function openAiUsage(usage: Json): Json {
  const cacheRead = Number(usage.cache_read_input_tokens ?? 0);
  const prompt = Number(usage.input_tokens ?? 0) + cacheRead + Number(usage.cache_creation_input_tokens ?? 0);
  const completion = Number(usage.output_tokens ?? 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(usage.cache_read_input_tokens !== undefined ? { prompt_tokens_details: { cached_tokens: cacheRead } } : {}),
  };
}

/** The JSON schema an OpenAI `response_format` asks for, or undefined for plain text. */
export function jsonAnswerSchema(format: unknown): Json | undefined {
  if (typeof format !== 'object' || format === null) {
    return undefined;
  }
  const { type, json_schema: jsonSchema } = format as Json;
  if (type === 'json_object') {
    return { type: 'object' };
  }
  if (type === 'json_schema' && typeof jsonSchema === 'object' && jsonSchema !== null) {
    const schema = (jsonSchema as Json).schema;
    return typeof schema === 'object' && schema !== null ? (schema as Json) : { type: 'object' };
  }
  return undefined;
}

/** OpenAI parameters the Messages API has no translation for: a 400 naming them beats a 200 that ignored them. */
export function refuseUntranslatable(body: Readonly<Json>): void {
  if (typeof body.n === 'number' && body.n > 1) {
    throw WardenError.invalidRequest('anthropic/ models answer with one choice: n must be 1', 'n');
  }
  if (body.logprobs === true || (typeof body.top_logprobs === 'number' && body.top_logprobs > 0)) {
    throw WardenError.invalidRequest('anthropic/ models do not return log probabilities', 'logprobs');
  }
}
