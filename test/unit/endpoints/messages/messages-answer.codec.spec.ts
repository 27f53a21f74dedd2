import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import { messagesAnswerCodec as codec } from '../../../../src/endpoints/messages/messages-answer.codec';

const message = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  content: [
    { type: 'thinking', thinking: 'User is bob@example.com', signature: 'sig' },
    { type: 'text', text: 'Mailing bob@example.com', citations: null },
    { type: 'tool_use', id: 'toolu_1', name: 'send', input: { to: 'bob@example.com' } },
    { type: 'redacted_thinking', data: 'zzz' },
  ],
  stop_reason: 'tool_use',
};

describe('messagesAnswerCodec (JSON)', () => {
  it('reads text, tool_use input as JSON text and thinking, keyed by block index', () => {
    expect([...codec.jsonTexts(message)]).toEqual([
      ['0:thinking', 'User is bob@example.com'],
      ['1:text', 'Mailing bob@example.com'],
      ['2:tool_use', '{"to":"bob@example.com"}'],
    ]);
  });

  it('marks thinking read-only', () => {
    expect(codec.readOnly?.('0:thinking')).toBe(true);
    expect(codec.readOnly?.('1:text')).toBe(false);
  });

  it('writes masks into text blocks and tool_use input, keeping other blocks', () => {
    const rewritten = codec.withJsonTexts(
      message,
      new Map([
        ['0:thinking', 'User is bob@example.com'],
        ['1:text', 'Mailing [EMAIL]'],
        ['2:tool_use', '{"to":"[EMAIL]"}'],
      ]),
    );
    expect(rewritten.content).toEqual([
      message.content[0],
      { type: 'text', text: 'Mailing [EMAIL]', citations: null },
      { type: 'tool_use', id: 'toolu_1', name: 'send', input: { to: '[EMAIL]' } },
      message.content[3],
    ]);
    expect(message.content[1]).toEqual({ type: 'text', text: 'Mailing bob@example.com', citations: null });
  });

  it('refuses a mask in thinking or one that leaves tool_use input unparseable', () => {
    expect(() => codec.withJsonTexts(message, new Map([['0:thinking', 'User is [EMAIL]']]))).toThrow(UnmaskableText);
    expect(() => codec.withJsonTexts(message, new Map([['2:tool_use', '{"to":[EMAIL]}']]))).toThrow(UnmaskableText);
  });
});

const e = (event: Record<string, unknown>): string => JSON.stringify(event);

const stream = [
  e({ type: 'message_start', message: { id: 'msg_2', content: [], usage: { input_tokens: 5 } } }),
  e({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
  e({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } }),
  e({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } }),
  e({ type: 'content_block_stop', index: 0 }),
  e({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
  e({ type: 'ping' }),
  e({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Write to bob@' } }),
  e({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'example.com now' } }),
  e({ type: 'content_block_stop', index: 1 }),
  e({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 't', name: 'send', input: {} } }),
  e({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"to": "bob@' } }),
  e({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'example.com"}' } }),
  e({ type: 'content_block_stop', index: 2 }),
  e({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } }),
  e({ type: 'message_stop' }),
];

describe('messagesAnswerCodec (stream)', () => {
  it('assembles each block text from its deltas', () => {
    expect([...codec.streamTexts(stream)]).toEqual([
      ['0:thinking', 'Hmm'],
      ['1:text', 'Write to bob@example.com now'],
      ['2:tool_use', '{"to": "bob@example.com"}'],
    ]);
  });

  it('puts the whole masked text in the first delta and drops the rest, so the original never appears', () => {
    const rewritten = codec.withStreamTexts(
      stream,
      new Map([
        ['0:thinking', 'Hmm'],
        ['1:text', 'Write to [EMAIL] now'],
        ['2:tool_use', '{"to": "[EMAIL]"}'],
      ]),
    );
    expect(rewritten.join('\n')).not.toContain('example.com');
    expect([...codec.streamTexts(rewritten)]).toEqual([
      ['0:thinking', 'Hmm'],
      ['1:text', 'Write to [EMAIL] now'],
      ['2:tool_use', '{"to": "[EMAIL]"}'],
    ]);
    expect(rewritten).toHaveLength(stream.length - 2);
    expect(rewritten.filter((event) => event.includes('"ping"'))).toHaveLength(1);
    expect(rewritten[rewritten.length - 1]).toBe(stream[stream.length - 1]);
  });

  it('keeps the stream as it was when no text changed', () => {
    expect(codec.withStreamTexts(stream, codec.streamTexts(stream))).toEqual(stream);
  });

  it('writes a text that came whole in content_block_start back there', () => {
    const whole = [
      e({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'call 555-1234' } }),
      e({ type: 'content_block_stop', index: 0 }),
    ];
    const rewritten = codec.withStreamTexts(whole, new Map([['0:text', 'call [PHONE]']]));
    expect(JSON.parse(rewritten[0])).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: 'call [PHONE]' },
    });
  });

  it('refuses a mask in streamed thinking or in tool input that stops being JSON', () => {
    expect(() => codec.withStreamTexts(stream, new Map([['0:thinking', '[MASKED]']]))).toThrow(UnmaskableText);
    expect(() => codec.withStreamTexts(stream, new Map([['2:tool_use', '{"to": [EMAIL]}']]))).toThrow(UnmaskableText);
  });
});
