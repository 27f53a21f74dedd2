import type { ServerResponse } from 'node:http';
import { sendJson, sleep, type RecordedRequest } from './mock-server';
import type { UpstreamScript } from './openai-upstream.mock';

/** `/v1/completions` (not `/chat/completions`) and `/v1/embeddings`, as the OpenAI upstream mock routes them. */
export function isLegacyRoute(path: string): boolean {
  const route = path.split('?')[0];
  return (route.endsWith('/completions') && !route.endsWith('/chat/completions')) || route.endsWith('/embeddings');
}

/**
 * Answers OpenAI's legacy completions (JSON, or a data-only stream of whole `text_completion` chunks then `[DONE]`,
 * with `echo`, `n`, prompt lists and `resetAfterChunks`) and embeddings (float or base64 little-endian float32), with the script's
 * `content`/`contents` as the generated texts.
 */
export async function answerLegacy(
  request: RecordedRequest,
  res: ServerResponse,
  script: UpstreamScript,
  label: string,
): Promise<void> {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  if (request.path.split('?')[0].endsWith('/embeddings')) {
    sendJson(res, 200, embeddingsAnswer(body), script.headers);
    return;
  }
  const generated = script.contents ?? [script.content ?? `reply from ${label}`];
  const choices = completionChoices(body, generated);
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const head = { id: 'cmpl-mock', object: 'text_completion', created: 1700000000, model };
  const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };
  if (body.stream !== true) {
    sendJson(
      res,
      200,
      {
        ...head,
        choices: choices.map(({ echoed, text }, index) => ({
          index,
          text: echoed + text,
          logprobs: null,
          finish_reason: 'stop',
        })),
        usage,
      },
      script.headers,
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...script.headers });
  const frame = (payload: Record<string, unknown>): string => `data: ${JSON.stringify({ ...head, ...payload })}\n\n`;
  const piece = (index: number, text: string, finish: string | null): string =>
    frame({ choices: [{ index, text, logprobs: null, finish_reason: finish }] });
  let sent = 0;
  for (const [index, { echoed, text }] of choices.entries()) {
    const fragments = [...(echoed === '' ? [] : [echoed]), ...text.split(/(?<= )/)];
    for (const fragment of fragments) {
      if (res.destroyed) {
        return;
      }
      await new Promise<void>((flushed) => res.write(piece(index, fragment, null), () => flushed()));
      sent += 1;
      if (script.resetAfterChunks !== undefined && sent >= script.resetAfterChunks) {
        res.socket?.destroy();
        return;
      }
      if (script.chunkDelayMs) {
        await sleep(script.chunkDelayMs);
      }
    }
    res.write(piece(index, '', 'stop'));
  }
  const options = body.stream_options as { include_usage?: unknown } | undefined;
  if (options?.include_usage === true) {
    res.write(frame({ choices: [], usage }));
  }
  res.end('data: [DONE]\n\n');
}

/** One choice per prompt and per generated text (`n`), grouped prompt by prompt as OpenAI does. */
function completionChoices(
  body: Record<string, unknown>,
  generated: string[],
): Array<{ echoed: string; text: string }> {
  const prompts = promptsOf(body.prompt);
  return prompts.flatMap((prompt) => generated.map((text) => ({ echoed: body.echo === true ? prompt : '', text })));
}

/** Prompts as text; token ids as their numbers joined (what a tokenizer would decode them to, for an echo). */
function promptsOf(prompt: unknown): string[] {
  if (typeof prompt === 'string') {
    return [prompt];
  }
  if (!Array.isArray(prompt) || prompt.length === 0) {
    return [''];
  }
  if (prompt.every((item) => typeof item === 'number')) {
    return [prompt.join(' ')];
  }
  return prompt.map((item) => (Array.isArray(item) ? item.join(' ') : String(item)));
}

/** Vector `i` of an input is `[length of the text, i / dimensions, ...]`: deterministic, and easy to assert on. */
function embeddingsAnswer(body: Record<string, unknown>): Record<string, unknown> {
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 3;
  const inputs = promptsOf(body.input);
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = Array.from({ length: dimensions }, (_, i) => (i === 0 ? input.length : i / dimensions));
      return {
        object: 'embedding',
        index,
        embedding: body.encoding_format === 'base64' ? float32Base64(vector) : vector,
      };
    }),
    model: body.model,
    usage: { prompt_tokens: 4, total_tokens: 4 },
  };
}

function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
