import {
  completionTexts,
  streamedTexts,
  withCompletionTexts,
  withStreamedTexts,
} from '../../../../src/endpoints/chat/chat-answer';
import { parseEventPayloads } from '../../../../src/endpoints/event-payloads';

const event = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices, ...extra });
const chunk = (delta: Record<string, unknown>, finish: string | null = null, index = 0) =>
  event([{ index, delta, finish_reason: finish }]);
const texts = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('completion text helpers', () => {
  it('reads and rewrites the text of a completion', () => {
    const body = { choices: [{ index: 0, message: { role: 'assistant', content: 'mail a@b.co' } }] };
    expect(completionTexts(body)).toEqual(texts({ '0:content': 'mail a@b.co' }));
    expect(withCompletionTexts(body, texts({ '0:content': 'mail [MASKED]' }))).toEqual({
      choices: [{ index: 0, message: { role: 'assistant', content: 'mail [MASKED]' } }],
    });
  });

  it('reads every text the model wrote: choices, refusals, reasoning, tool call and function call arguments', () => {
    const body = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'first', reasoning_content: 'thinking' } },
        {
          index: 1,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 't', type: 'function', function: { name: 'send', arguments: '{"to":"a@b.co"}' } }],
          },
        },
        { index: 2, message: { role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }], refusal: 'no' } },
        { index: 3, message: { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } } },
      ],
    };
    const read = completionTexts(body);
    expect([...read]).toEqual([
      ['0:content', 'first'],
      ['0:reasoning_content', 'thinking'],
      ['1:tool_calls.0', '{"to":"a@b.co"}'],
      ['2:content.0', 'no'],
      ['2:refusal', 'no'],
      ['3:function_call', '{}'],
    ]);
    expect([...read.values()].join('\n\n')).toBe('first\n\nthinking\n\n{"to":"a@b.co"}\n\nno\n\nno\n\n{}');
    const rewritten = withCompletionTexts(body, texts({ '1:tool_calls.0': '{"to":"[MASKED]"}' }));
    expect(rewritten.choices).toEqual([
      body.choices[0],
      {
        index: 1,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't', type: 'function', function: { name: 'send', arguments: '{"to":"[MASKED]"}' } }],
        },
      },
      body.choices[2],
      body.choices[3],
    ]);
  });

  it('keys a whole completion by position, so choices or tool calls sharing an index are still separate texts', () => {
    const call = (args: string) => ({ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: args } });
    const body = {
      choices: [
        { index: 0, message: { content: null, tool_calls: [call('{"to":"a@b.co"}'), call('{"s":"hi"}')] } },
        { index: 0, message: { content: 'mail a@b.co' } },
      ],
    };
    expect([...completionTexts(body).keys()]).toEqual(['0:tool_calls.0', '0:tool_calls.1', '1:content']);
    const rewritten = withCompletionTexts(
      body,
      texts({ '0:tool_calls.0': '{"to":"[MASKED]"}', '1:content': 'mail [MASKED]' }),
    );
    expect(JSON.stringify(rewritten)).not.toContain('a@b.co');
    expect(JSON.stringify(rewritten)).toContain('{\\"s\\":\\"hi\\"}');
  });

  it('drops the logprobs of a rewritten choice: they spell out the original tokens', () => {
    const logprobs = { content: [{ token: 'a@b.co', logprob: -0.1 }] };
    const body = {
      choices: [
        { index: 0, message: { content: 'mail a@b.co' }, logprobs },
        { index: 1, message: { content: 'clean' }, logprobs },
      ],
    };
    const rewritten = withCompletionTexts(body, texts({ '0:content': 'mail [MASKED]' }));
    expect(rewritten.choices).toEqual([
      { index: 0, message: { content: 'mail [MASKED]' }, logprobs: null },
      { index: 1, message: { content: 'clean' }, logprobs },
    ]);
  });

  it('assembles streamed text and replaces it without replaying the original deltas', () => {
    const events = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'mail ' }),
      chunk({ content: 'a@b.co' }),
      chunk({}, 'stop'),
    ];
    const chunks = parseEventPayloads(events);
    expect(streamedTexts(chunks)).toEqual(texts({ '0:content': 'mail a@b.co' }));
    const rewritten = withStreamedTexts(events, chunks, texts({ '0:content': 'mail [MASKED]' }));
    expect(rewritten).toHaveLength(3);
    expect(rewritten.join('')).not.toContain('a@b.co');
    expect(streamedTexts(parseEventPayloads(rewritten))).toEqual(texts({ '0:content': 'mail [MASKED]' }));
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
    const chunks = parseEventPayloads(events);
    expect(streamedTexts(chunks)).toEqual(texts({ '0:content': 'clean text', '1:content': 'mail a@b.co' }));
    const rewritten = withStreamedTexts(events, chunks, texts({ '1:content': 'mail [MASKED]' }));
    expect(rewritten.join('')).not.toContain('a@b.co');
    expect(streamedTexts(parseEventPayloads(rewritten))).toEqual(
      texts({ '0:content': 'clean text', '1:content': 'mail [MASKED]' }),
    );
    expect(rewritten).toHaveLength(events.length - 1);
  });

  it('assembles streamed tool call arguments by tool call index and rewrites them without replaying them', () => {
    const start = { index: 0, id: 't', type: 'function', function: { name: 'send', arguments: '' } };
    const events = [
      chunk({ role: 'assistant', content: null, tool_calls: [start] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"key":"sk-' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'abc"}' } }] }),
      chunk({}, 'tool_calls'),
    ];
    const chunks = parseEventPayloads(events);
    expect(streamedTexts(chunks)).toEqual(texts({ '0:tool_calls.0': '{"key":"sk-abc"}' }));
    const rewritten = withStreamedTexts(events, chunks, texts({ '0:tool_calls.0': '{"key":"[REDACTED]"}' }));
    expect(rewritten.join('')).not.toContain('sk-');
    expect(rewritten).toHaveLength(3);
    expect(JSON.parse(rewritten[0])).toEqual(JSON.parse(events[0]));
    expect(streamedTexts(parseEventPayloads(rewritten))).toEqual(texts({ '0:tool_calls.0': '{"key":"[REDACTED]"}' }));
  });

  it('keeps the finish_reason and usage that share a chunk with an emptied delta, and drops its logprobs', () => {
    const events = [
      chunk({ content: 'mail ' }),
      event([{ index: 0, delta: { content: 'a@b.co' }, finish_reason: 'stop', logprobs: { content: [] } }], {
        usage: { total_tokens: 3 },
      }),
    ];
    const rewritten = withStreamedTexts(events, parseEventPayloads(events), texts({ '0:content': 'mail [MASKED]' }));
    expect(rewritten).toHaveLength(2);
    expect(JSON.parse(rewritten[1])).toEqual({
      id: 'c',
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop', logprobs: null }],
      usage: { total_tokens: 3 },
    });
  });

  it('keeps events that are not JSON as they are', () => {
    const events = ['not json', chunk({ content: 'a@b.co' })];
    const rewritten = withStreamedTexts(events, parseEventPayloads(events), texts({ '0:content': '[MASKED]' }));
    expect(rewritten[0]).toBe('not json');
    expect(streamedTexts(parseEventPayloads(rewritten))).toEqual(texts({ '0:content': '[MASKED]' }));
  });
});
