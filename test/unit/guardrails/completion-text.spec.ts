import {
  completionTexts,
  joinedText,
  parseChunks,
  streamedTexts,
  withCompletionTexts,
  withStreamedTexts,
} from '../../../src/guardrails/modes/completion-text';

const event = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices, ...extra });
const chunk = (delta: Record<string, unknown>, finish: string | null = null, index = 0) =>
  event([{ index, delta, finish_reason: finish }]);

describe('completion text helpers', () => {
  it('reads and rewrites the text of a completion', () => {
    const body = { choices: [{ index: 0, message: { role: 'assistant', content: 'mail a@b.co' } }] };
    expect(completionTexts(body)).toEqual(new Map([[0, 'mail a@b.co']]));
    expect(withCompletionTexts(body, new Map([[0, 'mail [MASKED]']]))).toEqual({
      choices: [{ index: 0, message: { role: 'assistant', content: 'mail [MASKED]' } }],
    });
  });

  it('reads every choice of an n > 1 completion and rewrites each one on its own', () => {
    const body = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'first' } },
        { index: 1, message: { role: 'assistant', content: null, tool_calls: [{ id: 't' }] } },
        { index: 2, message: { role: 'assistant', content: 'third a@b.co' } },
      ],
    };
    const texts = completionTexts(body);
    expect(texts).toEqual(
      new Map([
        [0, 'first'],
        [2, 'third a@b.co'],
      ]),
    );
    expect(joinedText(texts)).toBe('first\n\nthird a@b.co');
    expect(withCompletionTexts(body, new Map([[2, 'third [MASKED]']]))).toEqual({
      choices: [
        body.choices[0],
        body.choices[1],
        { index: 2, message: { role: 'assistant', content: 'third [MASKED]' } },
      ],
    });
  });

  it('assembles streamed text and replaces it without replaying the original deltas', () => {
    const events = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'mail ' }),
      chunk({ content: 'a@b.co' }),
      chunk({}, 'stop'),
    ];
    const chunks = parseChunks(events);
    expect(streamedTexts(chunks)).toEqual(new Map([[0, 'mail a@b.co']]));
    const rewritten = withStreamedTexts(events, chunks, new Map([[0, 'mail [MASKED]']]));
    expect(rewritten).toHaveLength(3);
    expect(rewritten.join('')).not.toContain('a@b.co');
    expect(streamedTexts(parseChunks(rewritten))).toEqual(new Map([[0, 'mail [MASKED]']]));
    expect(JSON.parse(rewritten[2])).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
  });

  it('assembles interleaved choices of an n > 1 stream and rewrites only the masked one', () => {
    const events = [
      chunk({ role: 'assistant', content: '' }, null, 0),
      chunk({ role: 'assistant', content: '' }, null, 1),
      chunk({ content: 'clean ' }, null, 0),
      chunk({ content: 'mail ' }, null, 1),
      chunk({ content: 'text' }, null, 0),
      chunk({ content: 'a@b.co' }, null, 1),
      chunk({}, 'stop', 0),
      chunk({}, 'stop', 1),
    ];
    const chunks = parseChunks(events);
    expect(streamedTexts(chunks)).toEqual(
      new Map([
        [0, 'clean text'],
        [1, 'mail a@b.co'],
      ]),
    );
    const rewritten = withStreamedTexts(events, chunks, new Map([[1, 'mail [MASKED]']]));
    expect(rewritten.join('')).not.toContain('a@b.co');
    expect(streamedTexts(parseChunks(rewritten))).toEqual(
      new Map([
        [0, 'clean text'],
        [1, 'mail [MASKED]'],
      ]),
    );
    expect(rewritten).toHaveLength(events.length - 1);
  });

  it('keeps the finish_reason, tool calls and usage that share a chunk with a dropped delta', () => {
    const events = [
      chunk({ content: 'mail ' }),
      event([{ index: 0, delta: { content: 'a@b.co' }, finish_reason: 'stop' }], {
        usage: { total_tokens: 3 },
      }),
    ];
    const rewritten = withStreamedTexts(events, parseChunks(events), new Map([[0, 'mail [MASKED]']]));
    expect(rewritten).toHaveLength(2);
    expect(JSON.parse(rewritten[1])).toEqual({
      id: 'c',
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      usage: { total_tokens: 3 },
    });
  });

  it('keeps events that are not JSON as they are', () => {
    const events = ['not json', chunk({ content: 'a@b.co' })];
    const rewritten = withStreamedTexts(events, parseChunks(events), new Map([[0, '[MASKED]']]));
    expect(rewritten[0]).toBe('not json');
    expect(streamedTexts(parseChunks(rewritten))).toEqual(new Map([[0, '[MASKED]']]));
  });
});
