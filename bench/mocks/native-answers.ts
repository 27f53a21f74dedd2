/**
 * The answers of the mock upstream in each API's own wire format, built once per model and shape and then only
 * written: the mock must cost the same few µs whether it is called directly or through the gateway, and record nothing.
 * Formats as test/mocks/openai-responses.route.ts, test/mocks/anthropic-upstream.mock.ts and
 * test/mocks/openai-legacy.routes.ts answer them (the real APIs' shapes), reduced to a text answer.
 */

export const WORDS = ['Warden', 'checked', 'this', 'answer', 'and', 'found', 'nothing', 'to', 'block', 'today.'];
const TEXT = WORDS.join(' ');

/** What a streamed answer is made of: frames written one by one, then `end` (with the last frame). */
export interface StreamAnswer {
  frames: string[];
  /** Written after the last frame: `data: [DONE]` on OpenAI's data-only streams, nothing on named-event streams. */
  end: string;
}

type Json = Record<string, unknown>;

/** `count` text pieces of the answer, word by word, as a model streams (words repeat when count > 10). */
function pieces(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${WORDS[index % WORDS.length]} `);
}

const named = (type: string, data: Json): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

// --- Chat completions -------------------------------------------------------------------------------------------

export function chatJson(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench0001',
    object: 'chat.completion',
    created: 1764129600,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: TEXT, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 512, completion_tokens: 10, total_tokens: 522 },
    system_fingerprint: 'fp_bench',
  });
}

/** `chunks` chat.completion.chunk frames: the role, `chunks - 2` words, then finish_reason; then `[DONE]`. */
export function chatStream(model: string, chunks: number): StreamAnswer {
  const frames = Array.from({ length: chunks }, (_, index) => {
    const last = index === chunks - 1;
    const delta = index === 0 ? { role: 'assistant', content: '' } : { content: `${WORDS[index % WORDS.length]} ` };
    return `data: ${JSON.stringify({
      id: 'chatcmpl-bench0001',
      object: 'chat.completion.chunk',
      created: 1764129600,
      model,
      choices: [{ index: 0, delta: last ? {} : delta, logprobs: null, finish_reason: last ? 'stop' : null }],
    })}\n\n`;
  });
  return { frames, end: 'data: [DONE]\n\n' };
}

// --- Responses API (POST /v1/responses) ---------------------------------------------------------------------------

function responseObject(model: string, status: 'in_progress' | 'completed', text: string): Json {
  const message = {
    id: 'msg_bench0001',
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
  return {
    id: 'resp_bench0001',
    object: 'response',
    created_at: 1764129600,
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: 400,
    model,
    output: status === 'completed' ? [message] : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 0.2,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage:
      status === 'completed'
        ? {
            input_tokens: 512,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 10,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 522,
          }
        : null,
    user: null,
    metadata: {},
  };
}

export function responsesJson(model: string): string {
  return JSON.stringify(responseObject(model, 'completed', TEXT));
}

/**
 * A Responses event stream with `deltas` output_text deltas: response.created, response.in_progress, the item and
 * part opening, the deltas, their closing events, response.completed. Named events, sequence numbers, no `[DONE]`.
 */
export function responsesStream(model: string, deltas: number): StreamAnswer {
  const words = pieces(deltas);
  const text = words.join('');
  const at = { item_id: 'msg_bench0001', output_index: 0, content_index: 0 };
  const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
  const item = { id: 'msg_bench0001', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  const done = { ...item, status: 'completed', content: [{ ...part, text }] };
  const events: Array<[string, Json]> = [
    ['response.created', { response: responseObject(model, 'in_progress', text) }],
    ['response.in_progress', { response: responseObject(model, 'in_progress', text) }],
    ['response.output_item.added', { output_index: 0, item }],
    ['response.content_part.added', { ...at, part }],
    ...words.map((delta): [string, Json] => ['response.output_text.delta', { ...at, delta, logprobs: [] }]),
    ['response.output_text.done', { ...at, text, logprobs: [] }],
    ['response.content_part.done', { ...at, part: { ...part, text } }],
    ['response.output_item.done', { output_index: 0, item: done }],
    ['response.completed', { response: responseObject(model, 'completed', text) }],
  ];
  return { frames: events.map(([type, data], index) => named(type, { sequence_number: index, ...data })), end: '' };
}

// --- Anthropic Messages API (POST /v1/messages) -----------------------------------------------------------------

export function messagesJson(model: string): string {
  return JSON.stringify({
    id: 'msg_bench0001',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: TEXT }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 512, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  });
}

/**
 * A Messages event stream with `deltas` text deltas: message_start, content_block_start, ping, the deltas,
 * content_block_stop, message_delta, message_stop (every event named, no `[DONE]`).
 */
export function messagesStream(model: string, deltas: number): StreamAnswer {
  const events: Array<[string, Json]> = [
    [
      'message_start',
      {
        message: {
          id: 'msg_bench0001',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 512, output_tokens: 1 },
        },
      },
    ],
    ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
    ['ping', {}],
    ...pieces(deltas).map((text): [string, Json] => [
      'content_block_delta',
      { index: 0, delta: { type: 'text_delta', text } },
    ]),
    ['content_block_stop', { index: 0 }],
    ['message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: deltas } }],
    ['message_stop', {}],
  ];
  return { frames: events.map(([type, data]) => named(type, data)), end: '' };
}

// --- Legacy completions and embeddings ----------------------------------------------------------------------------

export function completionsJson(model: string): string {
  return JSON.stringify({
    id: 'cmpl-bench0001',
    object: 'text_completion',
    created: 1764129600,
    model,
    choices: [{ index: 0, text: TEXT, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 512, completion_tokens: 10, total_tokens: 522 },
  });
}

/** `chunks` text_completion frames (`chunks - 1` words, then finish_reason), then `[DONE]`. */
export function completionsStream(model: string, chunks: number): StreamAnswer {
  const head = { id: 'cmpl-bench0001', object: 'text_completion', created: 1764129600, model };
  const frames = Array.from({ length: chunks }, (_, index) => {
    const last = index === chunks - 1;
    const choice = { index: 0, text: last ? '' : `${WORDS[index % WORDS.length]} `, logprobs: null };
    return `data: ${JSON.stringify({ ...head, choices: [{ ...choice, finish_reason: last ? 'stop' : null }] })}\n\n`;
  });
  return { frames, end: 'data: [DONE]\n\n' };
}

/**
 * One embedding per input of `dimensions` floats (1,536 by default: text-embedding-3-small's size), deterministic
 * values with the digits real ones have, so the answer weighs what a real one does (~20 KB for one input).
 */
export function embeddingsJson(model: string, inputs: number, dimensions: number): string {
  const vector = Array.from({ length: dimensions }, (_, i) => Number((Math.sin(i * 12.9898) * 0.05).toFixed(9)));
  return JSON.stringify({
    object: 'list',
    data: Array.from({ length: inputs }, (_, index) => ({ object: 'embedding', index, embedding: vector })),
    model,
    usage: { prompt_tokens: 512, total_tokens: 512 },
  });
}

/** Builds each distinct answer once (by model and shape); the mock serves the same few strings millions of times. */
export function memo<A extends unknown[], R>(build: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const key = args.join('\u0000');
    let value = cache.get(key);
    if (value === undefined) {
      value = build(...args);
      if (cache.size < 64) {
        cache.set(key, value);
      }
    }
    return value;
  };
}
