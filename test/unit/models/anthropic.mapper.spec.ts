import {
  AnthropicStreamMapper,
  fromAnthropicResponse,
  toAnthropicRequest,
} from '../../../src/models/providers/anthropic.mapper';

describe('anthropic mapper', () => {
  it('moves system messages to `system`, merges consecutive turns and maps tools', () => {
    const request = toAnthropicRequest(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 't1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
          },
          { role: 'tool', tool_call_id: 't1', content: '18C' },
          { role: 'user', content: 'Thanks' },
        ],
        tools: [{ type: 'function', function: { name: 'weather', description: 'w', parameters: { type: 'object' } } }],
        max_tokens: 100,
        stop: 'END',
        temperature: 0.3,
      },
      'claude-x',
      false,
    );
    expect(request).toMatchObject({
      model: 'claude-x',
      system: 'Be brief.',
      max_tokens: 100,
      stop_sequences: ['END'],
      temperature: 0.3,
      tools: [{ name: 'weather', description: 'w', input_schema: { type: 'object' } }],
    });
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'weather', input: { city: 'Paris' } }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: '18C' },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it('maps a response with tool use to OpenAI tool_calls', () => {
    const response = fromAnthropicResponse(
      {
        id: 'msg_1',
        model: 'claude-x',
        content: [{ type: 'tool_use', id: 't9', name: 'weather', input: { city: 'Oslo' } }],
        stop_reason: 'tool_use',
        usage: { input_tokens: 3, output_tokens: 5 },
      },
      1,
    );
    expect(response).toMatchObject({
      choices: [
        {
          message: {
            content: null,
            tool_calls: [{ id: 't9', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
    });
  });

  it('maps stream events to chunks and throws on an error event', () => {
    const mapper = new AnthropicStreamMapper();
    expect(
      mapper.map({ type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 2 } } })[0],
    ).toMatchObject({ choices: [{ delta: { role: 'assistant' } }] });
    expect(
      mapper.map({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } })[0],
    ).toMatchObject({ choices: [{ delta: { content: 'Hi' } }] });
    expect(
      mapper.map({ type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 1 } })[0],
    ).toMatchObject({
      choices: [{ finish_reason: 'length' }],
      usage: { prompt_tokens: 2, completion_tokens: 1 },
    });
    expect(() => mapper.map({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toThrow(
      /overloaded_error/,
    );
  });
});
