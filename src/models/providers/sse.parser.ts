import { createParser } from 'eventsource-parser';

/**
 * Turns an upstream SSE byte stream into the `data` payloads of its events, as they arrive.
 * Stops at `data: [DONE]`; event names are passed along for providers that need them (Anthropic).
 */
export async function* readSseEvents(body: AsyncIterable<Buffer>): AsyncGenerator<{ event?: string; data: string }> {
  const pending: Array<{ event?: string; data: string }> = [];
  const parser = createParser({ onEvent: (event) => pending.push({ event: event.event, data: event.data }) });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) {
      const next = pending.shift()!;
      if (next.data === '[DONE]') {
        return;
      }
      yield next;
    }
  }
}
