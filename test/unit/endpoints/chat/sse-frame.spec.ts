import { Readable } from 'node:stream';
import { sseFrame } from '../../../../src/endpoints/sse.writer';
import { readSseEvents } from '../../../../src/models/providers/sse.parser';

async function parse(text: string): Promise<string[]> {
  const events: string[] = [];
  for await (const event of readSseEvents(Readable.from([Buffer.from(text)]))) {
    events.push(event.data);
  }
  return events;
}

describe(sseFrame.name, () => {
  it('writes one data line for one-line data', () => {
    expect(sseFrame('{"a":1}')).toBe('data: {"a":1}\n\n');
  });

  it('gives every line of multi-line data its own data: prefix, so a client reads the same text back', async () => {
    const pretty = '{\n  "id": "c",\r\n  "choices": []\n}';
    expect(sseFrame(pretty)).toBe('data: {\ndata:   "id": "c",\ndata:   "choices": []\ndata: }\n\n');
    expect(JSON.parse((await parse(sseFrame(pretty)))[0])).toEqual({ id: 'c', choices: [] });
  });
});
