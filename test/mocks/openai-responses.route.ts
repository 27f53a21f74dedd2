import type { ServerResponse } from 'node:http';
import { sendJson, sleep, type RecordedRequest } from './mock-server';
import type { UpstreamScript } from './openai-upstream.mock';

type Json = Record<string, unknown>;

/**
 * OpenAI's `POST /v1/responses` as the real API answers it (reference §1.3–1.4): a Response object, or a stream of
 * `event: <type>` + `data:` frames, each with its sequence_number, ending at `response.completed` with no `[DONE]`.
 * Answers `script.content` as text, or `script.toolCall` as a function_call item; honours chunkDelayMs and
 * resetAfterChunks.
 */
export async function answerResponses(
  request: RecordedRequest,
  res: ServerResponse,
  script: UpstreamScript,
  label: string,
): Promise<void> {
  const body = (request.body ?? {}) as Json;
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const text = script.content ?? `reply from ${label}`;
  const item = script.toolCall
    ? {
        id: 'fc_mock',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_mock',
        name: script.toolCall.name,
        arguments: script.toolCall.arguments,
      }
    : {
        id: 'msg_mock',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
      };
  const response = (status: string, output: Json[]): Json => ({
    id: 'resp_mock',
    object: 'response',
    created_at: 1700000000,
    status,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model,
    output,
    parallel_tool_calls: true,
    store: body.store ?? true,
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    usage: status === 'completed' ? { input_tokens: 5, output_tokens: 3, total_tokens: 8 } : null,
  });
  if (body.stream !== true || script.noStreaming) {
    sendJson(res, 200, response('completed', [item]), script.headers);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...script.headers });
  let sequence = 0;
  const send = async (type: string, fields: Json): Promise<boolean> => {
    if (res.destroyed) {
      return false;
    }
    const data = JSON.stringify({ type, sequence_number: sequence++, ...fields });
    await new Promise<void>((flushed) => res.write(`event: ${type}\ndata: ${data}\n\n`, () => flushed()));
    if (script.resetAfterChunks !== undefined && sequence >= script.resetAfterChunks) {
      res.socket?.destroy();
      return false;
    }
    if (script.chunkDelayMs) {
      await sleep(script.chunkDelayMs);
    }
    return true;
  };
  const events = script.toolCall ? toolCallEvents(item) : textEvents(item, text);
  const steps: Array<[string, Json]> = [
    ['response.created', { response: response('in_progress', []) }],
    ['response.in_progress', { response: response('in_progress', []) }],
    ...events,
    ['response.completed', { response: response('completed', [item]) }],
  ];
  for (const [type, fields] of steps) {
    if (!(await send(type, fields))) {
      return;
    }
  }
  res.end();
}

function textEvents(item: Json, text: string): Array<[string, Json]> {
  const at = { item_id: item.id, output_index: 0, content_index: 0 };
  const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
  return [
    ['response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }],
    ['response.content_part.added', { ...at, part }],
    ...text
      .split(/(?<= )/)
      .map((delta): [string, Json] => ['response.output_text.delta', { ...at, delta, logprobs: [] }]),
    ['response.output_text.done', { ...at, text, logprobs: [] }],
    ['response.content_part.done', { ...at, part: { ...part, text } }],
    ['response.output_item.done', { output_index: 0, item }],
  ];
}

function toolCallEvents(item: Json): Array<[string, Json]> {
  const args = item.arguments as string;
  const at = { item_id: item.id, output_index: 0 };
  return [
    ['response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } }],
    ...(args.match(/.{1,8}/gs) ?? []).map((delta): [string, Json] => [
      'response.function_call_arguments.delta',
      { ...at, delta },
    ]),
    ['response.function_call_arguments.done', { ...at, name: item.name, arguments: args }],
    ['response.output_item.done', { output_index: 0, item }],
  ];
}
