import type { WardenError } from '../../../src/common/warden.error';
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

  it('counts prompt-cache tokens as prompt tokens and reports the cached reads, streamed or not', () => {
    const usage = {
      input_tokens: 10,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 50,
      output_tokens: 7,
    };
    const expected = {
      prompt_tokens: 1060,
      completion_tokens: 7,
      total_tokens: 1067,
      prompt_tokens_details: { cached_tokens: 1000 },
    };
    expect(fromAnthropicResponse({ id: 'm', content: [], usage }, 1).usage).toEqual(expected);

    const mapper = new AnthropicStreamMapper();
    mapper.map({ type: 'message_start', message: { id: 'm', model: 'c', usage: { ...usage, output_tokens: 1 } } });
    const [last] = mapper.map({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: 7 },
    });
    expect(last?.usage).toEqual(expected);
  });

  it('turns response_format into one forced tool whose input comes back as the JSON content', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const request = toAnthropicRequest(
      {
        messages: [{ role: 'user', content: 'Where?' }],
        response_format: { type: 'json_schema', json_schema: { name: 'place', schema } },
      },
      'claude-x',
      false,
    );
    expect(request).toMatchObject({
      tools: [{ name: 'json_answer', input_schema: schema }],
      tool_choice: { type: 'tool', name: 'json_answer' },
    });

    const response = fromAnthropicResponse(
      {
        id: 'm',
        content: [{ type: 'tool_use', id: 't', name: 'json_answer', input: { city: 'Oslo' } }],
        stop_reason: 'tool_use',
        usage: {},
      },
      1,
    );
    expect((response.choices as unknown[])[0]).toMatchObject({
      message: { role: 'assistant', content: '{"city":"Oslo"}' },
      finish_reason: 'stop',
    });
    expect(JSON.stringify(response)).not.toContain('tool_calls');

    const mapper = new AnthropicStreamMapper();
    const chunks = [
      { type: 'message_start', message: { id: 'm', model: 'c', usage: {} } },
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'json_answer' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } },
    ].flatMap((event) => mapper.map(event));
    const deltas = chunks.map((chunk) => (chunk.choices as Array<{ delta: { content?: string } }>)[0]?.delta);
    expect(deltas.map((delta) => delta?.content ?? '').join('')).toBe('{"city":"Oslo"}');
    expect((chunks.at(-1)?.choices as Array<{ finish_reason: string }>)[0]?.finish_reason).toBe('stop');
  });

  it('maps parallel_tool_calls: false, and refuses n > 1 and logprobs with a 400 naming the parameter', () => {
    const tools = [{ type: 'function', function: { name: 'w', parameters: { type: 'object' } } }];
    expect(
      toAnthropicRequest({ messages: [], tools, parallel_tool_calls: false }, 'claude-x', false).tool_choice,
    ).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    const refusedParam = (body: Record<string, unknown>): unknown => {
      try {
        toAnthropicRequest(body, 'claude-x', false);
        return undefined;
      } catch (error) {
        return (error as WardenError).options.param;
      }
    };
    expect(refusedParam({ messages: [], n: 2 })).toBe('n');
    expect(refusedParam({ messages: [], logprobs: true })).toBe('logprobs');
  });

  it('keeps max_tokens as finish_reason length for a structured answer cut short, streamed or not', () => {
    const cut = fromAnthropicResponse(
      {
        id: 'm',
        stop_reason: 'max_tokens',
        content: [{ type: 'tool_use', id: 't', name: 'json_answer', input: {} }],
        usage: {},
      },
      1,
    );
    expect((cut.choices as Array<{ finish_reason: string }>)[0]?.finish_reason).toBe('length');
    const mapper = new AnthropicStreamMapper();
    mapper.map({ type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 25 } } });
    mapper.map({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 't', name: 'json_answer' },
    });
    const [last] = mapper.map({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens' },
      usage: { input_tokens: null, output_tokens: 9 },
    });
    expect((last?.choices as Array<{ finish_reason: string }>)[0]?.finish_reason).toBe('length');
    expect(last?.usage).toMatchObject({ prompt_tokens: 25, completion_tokens: 9 });
  });

  it('sends no disable_parallel_tool_use with tool_choice none', () => {
    const tools = [{ type: 'function', function: { name: 'w', parameters: { type: 'object' } } }];
    expect(
      toAnthropicRequest({ messages: [], tools, tool_choice: 'none', parallel_tool_calls: false }, 'c', false)
        .tool_choice,
    ).toEqual({ type: 'none' });
  });
});

describe('toAnthropicRequest tool types', () => {
  it('refuses a tool Anthropic has no equivalent for (a custom tool) with a 400 naming it, instead of sending it nameless', () => {
    let thrown: unknown;
    try {
      toAnthropicRequest(
        { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'custom', custom: { name: 'grep' } }] },
        'claude',
        false,
      );
    } catch (error) {
      thrown = error;
    }
    expect((thrown as WardenError).options.param).toBe('tools[0].type');
  });
});
