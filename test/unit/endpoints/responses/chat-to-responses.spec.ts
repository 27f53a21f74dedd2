import { ResponsesStreamBuilder } from '../../../../src/endpoints/responses/chat-stream-to-responses';
import { completionAsResponse } from '../../../../src/endpoints/responses/chat-to-responses';

const request = { model: 'claude', instructions: 'Be terse.', input: 'hi' };

describe(completionAsResponse.name, () => {
  it('maps text, reasoning, tool calls and usage to output items', () => {
    const response = completionAsResponse(
      {
        id: 'chatcmpl-1',
        created: 1700000000,
        model: 'claude-x',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Sunny.',
              reasoning_content: 'The user asks.',
              tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 4,
          total_tokens: 14,
          prompt_tokens_details: { cached_tokens: 2 },
        },
      },
      request,
    );
    expect(response).toMatchObject({
      id: 'resp_1',
      object: 'response',
      created_at: 1700000000,
      status: 'completed',
      model: 'claude-x',
      instructions: 'Be terse.',
      incomplete_details: null,
      output: [
        { id: 'rs_1_0', type: 'reasoning', summary: [{ type: 'summary_text', text: 'The user asks.' }] },
        {
          id: 'msg_1_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Sunny.', annotations: [] }],
        },
        {
          id: 'fc_1_2',
          type: 'function_call',
          call_id: 'call_1',
          name: 'weather',
          arguments: '{}',
          status: 'completed',
        },
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 2 },
        output_tokens: 4,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 14,
      },
    });
  });

  it.each([
    ['length', 'max_output_tokens'],
    ['content_filter', 'content_filter'],
  ])('answers finish_reason %s as incomplete (%s)', (finishReason, reason) => {
    const response = completionAsResponse(
      { id: 'c', choices: [{ message: { content: 'x' }, finish_reason: finishReason }] },
      request,
    );
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason } });
  });

  it('maps a refusal to a refusal part', () => {
    const response = completionAsResponse(
      { id: 'c', choices: [{ message: { content: null, refusal: 'No.' }, finish_reason: 'stop' }] },
      request,
    );
    expect(response.output).toEqual([
      expect.objectContaining({ type: 'message', content: [{ type: 'refusal', refusal: 'No.' }] }),
    ]);
  });
});

describe(ResponsesStreamBuilder.name, () => {
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null = null,
    extra = {},
  ): Record<string, unknown> => ({
    id: 'chatcmpl-9',
    created: 1700000000,
    model: 'claude-x',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });

  function run(chunks: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
    const builder = new ResponsesStreamBuilder(request);
    return [...chunks.flatMap((c) => builder.push(c)), ...builder.finish()];
  }

  it('turns text deltas into the full Responses event sequence, numbered', () => {
    const events = run([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hello ' }),
      chunk({ content: 'world' }),
      chunk({}, 'stop'),
      { id: 'chatcmpl-9', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual([...events.keys()]);
    expect(events[6]).toMatchObject({ item_id: 'msg_9_0', output_index: 0, content_index: 0, text: 'Hello world' });
    expect(events.at(-1)).toMatchObject({
      response: {
        id: 'resp_9',
        status: 'completed',
        output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hello world' }] }],
        usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
      },
    });
  });

  it('closes the message when a tool call starts, and streams its arguments', () => {
    const events = run([
      chunk({ content: 'Checking.' }),
      chunk({
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const types = events.map((event) => event.type);
    expect(types.slice(2)).toEqual([
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.find((e) => e.type === 'response.function_call_arguments.done')).toMatchObject({
      item_id: 'fc_9_1',
      output_index: 1,
      name: 'weather',
      arguments: '{"city":"Paris"}',
    });
    expect((events.at(-1)!.response as { output: unknown[] }).output).toEqual([
      expect.objectContaining({ type: 'message', status: 'completed' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_1', arguments: '{"city":"Paris"}' }),
    ]);
  });

  it('opens a reasoning item for reasoning deltas, before the message', () => {
    const events = run([chunk({ reasoning_content: 'Hmm.' }), chunk({ content: 'Yes.' }), chunk({}, 'length')]);
    expect(events.map((event) => event.type)).toContain('response.reasoning_summary_text.delta');
    expect(events.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: {
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        output: [{ type: 'reasoning', summary: [{ text: 'Hmm.' }] }, { type: 'message' }],
      },
    });
  });

  it('still answers created, in_progress and completed for an empty stream', () => {
    expect(run([]).map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
  });
});
