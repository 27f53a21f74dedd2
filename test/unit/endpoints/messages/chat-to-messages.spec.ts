import { completionToMessage } from '../../../../src/endpoints/messages/chat-to-messages';
import { ChatStreamToMessages, chatStreamToMessages } from '../../../../src/endpoints/messages/chat-stream-to-messages';
import { chatToolName, shortenedToolNames } from '../../../../src/endpoints/messages/tool-names';
import { UpstreamError } from '../../../../src/models/providers/llm-provider.interface';

const noNames = shortenedToolNames([]);

function completion(message: Record<string, unknown>, finishReason = 'stop', usage?: Record<string, unknown>) {
  return {
    id: 'chatcmpl-abc',
    object: 'chat.completion',
    model: 'gpt-5',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }],
    usage: usage ?? { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
  };
}

describe(completionToMessage.name, () => {
  it('turns a text answer into a Message with end_turn and Anthropic usage', () => {
    expect(completionToMessage(completion({ content: 'Bonjour' }), 'gpt-alias', noNames)).toEqual({
      id: 'msg_abc',
      type: 'message',
      role: 'assistant',
      model: 'gpt-5',
      content: [{ type: 'text', text: 'Bonjour', citations: null }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 5 },
    });
  });

  it('turns tool calls into tool_use blocks with parsed input and the client tool names', () => {
    const long = `mcp__${'y'.repeat(80)}`;
    const message = completionToMessage(
      completion(
        {
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: chatToolName(long), arguments: '' } },
          ],
        },
        'tool_calls',
      ),
      'gpt-alias',
      shortenedToolNames([long]),
    );
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: long, input: {} },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('maps each finish_reason', () => {
    const reason = (finish: string): unknown =>
      completionToMessage(completion({ content: 'x' }, finish), 'm', noNames).stop_reason;
    expect([reason('stop'), reason('length'), reason('tool_calls'), reason('content_filter'), reason('odd')]).toEqual([
      'end_turn',
      'max_tokens',
      'tool_use',
      'refusal',
      'end_turn',
    ]);
  });

  it('puts reasoning first as an unsigned thinking block and a refusal as text', () => {
    const message = completionToMessage(
      completion({ content: null, reasoning_content: 'hmm', refusal: 'I cannot.' }, 'content_filter'),
      'm',
      noNames,
    );
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: '' },
      { type: 'text', text: 'I cannot.', citations: null },
    ]);
  });

  it('counts cached prompt tokens apart from input_tokens', () => {
    const usage = { prompt_tokens: 100, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 60 } };
    expect(completionToMessage(completion({ content: 'x' }, 'stop', usage), 'm', noNames).usage).toEqual({
      input_tokens: 40,
      output_tokens: 7,
      cache_read_input_tokens: 60,
    });
  });

  it('refuses tool arguments that are not a JSON object as an invalid upstream answer', () => {
    const bad = completion({
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
    });
    expect(() => completionToMessage(bad, 'm', noNames)).toThrow(UpstreamError);
  });
});

function chunk(delta: Record<string, unknown>, finishReason: string | null = null, extra = {}) {
  return { id: 'chatcmpl-s1', model: 'gpt-5', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra };
}

function types(events: Array<Record<string, unknown>>): string[] {
  return events.map((event) => String(event.type));
}

describe(ChatStreamToMessages.name, () => {
  it('streams text as message_start, one text block, message_delta and message_stop', () => {
    const builder = new ChatStreamToMessages('gpt-alias', noNames);
    const events = [
      ...builder.push(chunk({ role: 'assistant', content: '' })),
      ...builder.push(chunk({ content: 'Bon' })),
      ...builder.push(chunk({ content: 'jour' })),
      ...builder.push(chunk({}, 'stop')),
      ...builder.push({ id: 'chatcmpl-s1', choices: [], usage: { prompt_tokens: 9, completion_tokens: 2 } }),
      ...builder.finish(),
    ];
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_s1',
          type: 'message',
          role: 'assistant',
          model: 'gpt-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Bon' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'jour' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { input_tokens: 9, output_tokens: 2 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('opens a tool_use block per tool call and streams its arguments as input_json_delta', () => {
    const long = `mcp__${'z'.repeat(80)}`;
    const builder = new ChatStreamToMessages('m', shortenedToolNames([long]));
    const events = [
      ...builder.push(chunk({ content: 'Let me check.' })),
      ...builder.push(
        chunk({
          tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }],
        }),
      ),
      ...builder.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] })),
      ...builder.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] })),
      ...builder.push(
        chunk({ tool_calls: [{ index: 1, id: 'call_2', function: { name: chatToolName(long), arguments: '{}' } }] }),
      ),
      ...builder.push(chunk({}, 'tool_calls')),
      ...builder.finish(),
    ];
    expect(types(events)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[4]).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} },
    });
    expect(events[6]).toEqual({
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
    });
    expect(events[8]).toMatchObject({ index: 2, content_block: { name: long } });
    expect(events[11]).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('streams reasoning as a thinking block before the text', () => {
    const builder = new ChatStreamToMessages('m', noNames);
    const events = [
      ...builder.push(chunk({ reasoning_content: 'hmm' })),
      ...builder.push(chunk({ content: 'Yes' }, 'length')),
      ...builder.finish(),
    ];
    expect(events.slice(1, 6)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Yes' } },
    ]);
    expect(events[7]).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });

  it('still starts and ends a whole message when the chat stream was empty', () => {
    expect(types(new ChatStreamToMessages('m', noNames).finish())).toEqual([
      'message_start',
      'message_delta',
      'message_stop',
    ]);
  });
});

describe(chatStreamToMessages.name, () => {
  it('maps chunk payloads to event payloads and skips what is not JSON', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield await Promise.resolve(JSON.stringify(chunk({ content: 'Hi' }, 'stop')));
      yield 'not json';
    }
    const out: string[] = [];
    for await (const event of chatStreamToMessages(chunks(), 'm', noNames)) {
      out.push(event);
    }
    expect(out.map((event) => (JSON.parse(event) as { type: string }).type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });
});
