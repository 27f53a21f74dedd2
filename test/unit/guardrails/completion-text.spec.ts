import {
  completionText,
  parseChunks,
  streamedText,
  withCompletionText,
  withStreamedText,
} from '../../../src/guardrails/modes/completion-text';

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });

describe('completion text helpers', () => {
  it('reads and rewrites the text of a completion', () => {
    const body = { choices: [{ index: 0, message: { role: 'assistant', content: 'mail a@b.co' } }] };
    expect(completionText(body)).toBe('mail a@b.co');
    expect(withCompletionText(body, 'mail [MASKED]')).toEqual({
      choices: [{ index: 0, message: { role: 'assistant', content: 'mail [MASKED]' } }],
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
    expect(streamedText(chunks)).toBe('mail a@b.co');
    const rewritten = withStreamedText(events, chunks, 'mail [MASKED]');
    expect(rewritten).toHaveLength(3);
    expect(rewritten.join('')).not.toContain('a@b.co');
    expect(streamedText(parseChunks(rewritten))).toBe('mail [MASKED]');
    expect(JSON.parse(rewritten[2])).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
  });
});
