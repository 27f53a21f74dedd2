import { WardenError } from '../../../../src/common/warden.error';
import { toChatRequest } from '../../../../src/endpoints/responses/responses-translation';

function refusal(body: Record<string, unknown>): WardenError {
  try {
    toChatRequest(body, 'claude');
  } catch (error) {
    if (error instanceof WardenError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe(toChatRequest.name, () => {
  it('maps instructions, input items, tools and options to their chat form', () => {
    const chat = toChatRequest(
      {
        model: 'claude',
        instructions: 'Be terse.',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Weather?' },
              { type: 'input_image', image_url: 'u', detail: 'low' },
            ],
          },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.' }] },
          { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call', call_id: 'call_2', name: 'weather', arguments: '{"city":"Rome"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '18°C' },
          { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '25°C' }] },
          { type: 'reasoning', id: 'rs_1', summary: [] },
        ],
        tools: [{ type: 'function', name: 'weather', parameters: { type: 'object' }, strict: true }],
        tool_choice: { type: 'function', name: 'weather' },
        text: {
          format: { type: 'json_schema', name: 'w', schema: { type: 'object' }, strict: true },
          verbosity: 'low',
        },
        max_output_tokens: 100,
        reasoning: { effort: 'low', summary: 'auto' },
        temperature: 0.5,
        store: false,
        stream: true,
        metadata: { team: 'a' },
        mock_response: 'passes through',
      },
      'claude',
    );
    expect(chat).toEqual({
      model: 'claude',
      temperature: 0.5,
      mock_response: 'passes through',
      messages: [
        { role: 'system', content: 'Be terse.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image_url', image_url: { url: 'u', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '25°C' }] },
      ],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' }, strict: true } },
      verbosity: 'low',
      max_completion_tokens: 100,
      reasoning_effort: 'low',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('maps a string input to one user message, and an absent store is fine', () => {
    expect(toChatRequest({ model: 'm', input: 'hi' }, 'm')).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it.each([
    ['previous_response_id', { previous_response_id: 'resp_1' }, 'previous_response_id'],
    ['conversation', { conversation: 'conv_1' }, 'conversation'],
    ['a stored prompt', { prompt: { id: 'pmpt_1' } }, 'prompt'],
    ['background', { background: true }, 'background'],
    ['an explicit store: true', { store: true }, 'store'],
    ['include', { include: ['reasoning.encrypted_content'] }, 'include'],
    ['a built-in tool', { tools: [{ type: 'web_search' }] }, 'tools[0].type'],
    ['a built-in tool_choice', { tool_choice: { type: 'file_search' } }, 'tool_choice.type'],
    ['an item_reference', { input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0]'],
    ['a built-in tool item', { input: [{ type: 'web_search_call', id: 'ws_1' }] }, 'input[0].type'],
    [
      'a file_id image',
      { input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] },
      'input[0].content[0].file_id',
    ],
    [
      'a file_id file',
      { input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file_1' }] }] },
      'input[0].content[0].file_id',
    ],
    [
      'encrypted reasoning',
      { input: [{ type: 'reasoning', summary: [], encrypted_content: 'gAAA' }] },
      'input[0].encrypted_content',
    ],
    [
      'an image in a tool output',
      { input: [{ type: 'function_call_output', call_id: 'c', output: [{ type: 'input_image', image_url: 'u' }] }] },
      'input[0].output[0].type',
    ],
  ])('refuses %s with a 400 naming the field and the model', (_label, fields, param) => {
    const error = refusal({ model: 'claude', input: 'hi', ...fields });
    expect(error.options.param).toBe(param);
    expect(error.message).toContain(param);
    expect(error.message).toContain('"claude"');
  });
});
