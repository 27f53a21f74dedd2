import { completionsAnswerCodec } from '../../../../src/endpoints/completions/completions-answer.codec';
import { parseCompletionsRequest } from '../../../../src/endpoints/completions/completions-request';

const codecFor = (body: Record<string, unknown>): ReturnType<typeof completionsAnswerCodec> =>
  completionsAnswerCodec(parseCompletionsRequest({ model: 'm', prompt: 'Q: ', ...body }));

const answer = (...texts: string[]): Record<string, unknown> => ({
  id: 'cmpl-1',
  object: 'text_completion',
  choices: texts.map((text, index) => ({ index, text, logprobs: { tokens: ['x'] }, finish_reason: 'stop' })),
});

const streamChunk = (index: number, text: string, finish: string | null = null): string =>
  JSON.stringify({
    id: 'cmpl-1',
    object: 'text_completion',
    choices: [{ index, text, logprobs: null, finish_reason: finish }],
  });

describe(completionsAnswerCodec.name, () => {
  describe('JSON answers', () => {
    it('reads each choice text as a slot', () => {
      expect([...codecFor({}).jsonTexts(answer('one', 'two'))]).toEqual([
        ['0:text', 'one'],
        ['1:text', 'two'],
      ]);
    });

    it('writes a slot back and drops that choice logprobs, leaving the others as they were', () => {
      const body = codecFor({}).withJsonTexts(answer('mail a@b.io', 'two'), new Map([['0:text', 'mail [EMAIL]']]));
      expect(body.choices).toEqual([
        { index: 0, text: 'mail [EMAIL]', logprobs: null, finish_reason: 'stop' },
        { index: 1, text: 'two', logprobs: { tokens: ['x'] }, finish_reason: 'stop' },
      ]);
    });

    it('with echo, reads only the generated part and keeps the echoed prompt when writing back', () => {
      const codec = codecFor({ echo: true });
      expect([...codec.jsonTexts(answer('Q: a@b.io'))]).toEqual([['0:text', 'a@b.io']]);
      const body = codec.withJsonTexts(answer('Q: a@b.io'), new Map([['0:text', '[EMAIL]']]));
      expect(body.choices).toEqual([{ index: 0, text: 'Q: [EMAIL]', logprobs: null, finish_reason: 'stop' }]);
    });

    it('with echo, pairs choices with their prompt, grouped prompt by prompt for n', () => {
      const codec = codecFor({ echo: true, prompt: ['A:', 'B:'], n: 2 });
      const texts = codec.jsonTexts(answer('A:1', 'A:2', 'B:3', 'B:4'));
      expect([...texts.values()]).toEqual(['1', '2', '3', '4']);
    });

    it('with echo, reads the whole text when it does not start with the prompt (nothing goes unread)', () => {
      expect([...codecFor({ echo: true }).jsonTexts(answer('other'))]).toEqual([['0:text', 'other']]);
    });

    it('survives answers without choices or with malformed ones', () => {
      const codec = codecFor({});
      expect(codec.jsonTexts({}).size).toBe(0);
      expect(codec.jsonTexts({ choices: [null, { text: 3 }] }).size).toBe(0);
      expect(codec.withJsonTexts({ choices: 'x' }, new Map([['0:text', 'y']]))).toEqual({ choices: 'x' });
    });
  });

  describe('held streams', () => {
    it('assembles each choice text from its fragments, keyed by index', () => {
      const events = [streamChunk(0, 'He'), streamChunk(1, 'Yo'), streamChunk(0, 'llo'), streamChunk(0, '', 'stop')];
      expect([...codecFor({}).streamTexts(events)]).toEqual([
        ['0:text', 'Hello'],
        ['1:text', 'Yo'],
      ]);
    });

    it('puts the whole new text in the first fragment, drops emptied ones, keeps finish and usage', () => {
      const usage = JSON.stringify({ id: 'cmpl-1', choices: [], usage: { total_tokens: 3 } });
      const events = [streamChunk(0, 'a@'), streamChunk(0, 'b.io'), streamChunk(0, '', 'stop'), usage];
      const out = codecFor({}).withStreamTexts(events, new Map([['0:text', '[EMAIL]']]));
      expect(out.map((event) => JSON.parse(event) as unknown)).toEqual([
        {
          id: 'cmpl-1',
          object: 'text_completion',
          choices: [{ index: 0, text: '[EMAIL]', logprobs: null, finish_reason: null }],
        },
        {
          id: 'cmpl-1',
          object: 'text_completion',
          choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'stop' }],
        },
        { id: 'cmpl-1', choices: [], usage: { total_tokens: 3 } },
      ]);
      expect(codecFor({}).streamTexts(out).get('0:text')).toBe('[EMAIL]');
    });

    it('with echo, keeps the echoed fragments and rewrites only the generated part', () => {
      const codec = codecFor({ echo: true });
      const events = [streamChunk(0, 'Q'), streamChunk(0, ': a@'), streamChunk(0, 'b.io', 'stop')];
      expect(codec.streamTexts(events).get('0:text')).toBe('a@b.io');
      const out = codec.withStreamTexts(events, new Map([['0:text', '[EMAIL]']]));
      expect(out[0]).toBe(events[0]);
      expect(codec.streamTexts(out).get('0:text')).toBe('[EMAIL]');
      expect(codecFor({}).streamTexts(out).get('0:text')).toBe('Q: [EMAIL]');
    });

    it('keeps events that are not JSON, and other choices, untouched', () => {
      const events = ['garbage', streamChunk(1, 'keep'), streamChunk(0, 'x')];
      const out = codecFor({}).withStreamTexts(events, new Map([['0:text', 'y']]));
      expect(out.slice(0, 2)).toEqual(events.slice(0, 2));
      expect(codecFor({}).streamTexts(out).get('0:text')).toBe('y');
    });
  });
});
