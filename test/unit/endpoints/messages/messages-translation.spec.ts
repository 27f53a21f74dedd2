import { WardenError } from '../../../../src/common/warden.error';
import { toChatRequest } from '../../../../src/endpoints/messages/messages-translation';
import { chatToolName } from '../../../../src/endpoints/messages/tool-names';

const target = { model: 'gpt-alias', upstreamModel: 'gpt-5' };
const base = { model: 'gpt-alias', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] };

function refusal(body: Record<string, unknown>): WardenError {
  try {
    toChatRequest(body, target);
  } catch (error) {
    expect(error).toBeInstanceOf(WardenError);
    return error as WardenError;
  }
  throw new Error('expected a 400');
}

describe(toChatRequest.name, () => {
  it('translates the conversation: system first, tool calls, tool results before the rest of the turn', () => {
    const chat = toChatRequest(
      {
        ...base,
        system: [
          { type: 'text', text: 'You are terse.' },
          { type: 'text', text: 'Answer in French.' },
        ],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'need a tool', signature: 's' },
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Here:' },
              { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C', is_error: false },
            ],
          },
          { role: 'system', content: [{ type: 'text', text: 'Be nice.' }] },
        ],
      },
      target,
    );
    expect(chat.model).toBe('gpt-5');
    expect(chat.messages).toEqual([
      { role: 'system', content: 'You are terse.\nAnswer in French.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      { role: 'user', content: [{ type: 'text', text: 'Here:' }] },
      { role: 'system', content: 'Be nice.' },
    ]);
  });

  it('translates images, PDF and text documents, and text blocks inside tool results', () => {
    const chat = toChatRequest(
      {
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'row 1' }] },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
              { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
              {
                type: 'document',
                title: 'a.pdf',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JV' },
              },
              { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
            ],
          },
        ],
      },
      target,
    );
    expect(chat.messages).toEqual([
      { role: 'tool', tool_call_id: 't', content: [{ type: 'text', text: 'row 1' }] },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JV', filename: 'a.pdf' } },
          { type: 'text', text: 'notes' },
        ],
      },
    ]);
  });

  it('maps parameters: max_tokens, stop_sequences, user, stream with usage, temperature, top_p', () => {
    const chat = toChatRequest(
      {
        ...base,
        stop_sequences: ['END'],
        metadata: { user_id: 'u1' },
        stream: true,
        temperature: 0.2,
        top_p: 0.9,
        cache_control: { type: 'ephemeral' },
      },
      target,
    );
    expect(chat).toEqual({
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'Hi' }],
      max_completion_tokens: 256,
      stop: ['END'],
      user: 'u1',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.9,
    });
  });

  it('maps tools and each tool_choice, with disable_parallel_tool_use as parallel_tool_calls: false', () => {
    const tools = [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }];
    const chat = toChatRequest(
      { ...base, tools, tool_choice: { type: 'any', disable_parallel_tool_use: true } },
      target,
    );
    expect(chat.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } } },
    ]);
    expect(chat).toMatchObject({ tool_choice: 'required', parallel_tool_calls: false });
    expect(toChatRequest({ ...base, tools, tool_choice: { type: 'auto' } }, target).tool_choice).toBe('auto');
    expect(toChatRequest({ ...base, tools, tool_choice: { type: 'none' } }, target).tool_choice).toBe('none');
    expect(
      toChatRequest({ ...base, tools, tool_choice: { type: 'tool', name: 'get_weather' } }, target).tool_choice,
    ).toEqual({ type: 'function', function: { name: 'get_weather' } });
  });

  it('shortens tool names over 64 characters the same way in tools, tool_choice and earlier tool calls', () => {
    const long = `mcp__server__${'x'.repeat(70)}`;
    const short = chatToolName(long);
    expect(short).toHaveLength(64);
    const chat = toChatRequest(
      {
        ...base,
        tools: [{ name: long, input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: long },
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: long, input: {} }] },
        ],
      },
      target,
    );
    expect(JSON.stringify(chat)).not.toContain(long);
    expect((chat.tools as Array<{ function: { name: string } }>)[0].function.name).toBe(short);
    expect(chat.tool_choice).toEqual({ type: 'function', function: { name: short } });
  });

  it('turns thinking budgets and output_config into reasoning_effort and response_format', () => {
    const effort = (body: Record<string, unknown>): unknown =>
      toChatRequest({ ...base, ...body }, target).reasoning_effort;
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 1024 } })).toBe('low');
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 8000 } })).toBe('medium');
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 32000 } })).toBe('high');
    expect(effort({ thinking: { type: 'adaptive' } })).toBe('medium');
    expect(effort({ thinking: { type: 'disabled' } })).toBeUndefined();
    expect(effort({ thinking: { type: 'enabled', budget_tokens: 32000 }, output_config: { effort: 'low' } })).toBe(
      'low',
    );
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(
      toChatRequest({ ...base, output_config: { format: { type: 'json_schema', schema } } }, target).response_format,
    ).toEqual({ type: 'json_schema', json_schema: { name: 'output', schema } });
  });

  it('refuses with a 400 naming the field and the model what chat cannot carry', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ container: 'container_1' }, 'container'],
      [{ mcp_servers: [{ type: 'url', url: 'https://mcp' }] }, 'mcp_servers'],
      [{ context_management: { edits: [] } }, 'context_management'],
      [{ top_k: 5 }, 'top_k'],
      [{ stop_sequences: ['a', 'b', 'c', 'd', 'e'] }, 'stop_sequences'],
      [{ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0.type'],
      [{ tool_choice: { type: 'magic' } }, 'tool_choice.type'],
      [{ output_config: { effort: 'max' } }, 'output_config.effort'],
      [
        { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'file_1' } }] }] },
        'messages.0.content.0.source.type',
      ],
      [
        {
          messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'file', file_id: 'file_1' } }] }],
        },
        'messages.0.content.0.source.type',
      ],
      [
        {
          messages: [
            {
              role: 'user',
              content: [
                {
                  type: 'tool_result',
                  tool_use_id: 't',
                  content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'x' } }],
                },
              ],
            },
          ],
        },
        'messages.0.content.0.content.0.type',
      ],
      [
        {
          messages: [
            { role: 'assistant', content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] },
          ],
        },
        'messages.0.content.0.type',
      ],
      [
        { messages: [{ role: 'user', content: [{ type: 'web_search_tool_result', tool_use_id: 's', content: [] }] }] },
        'messages.0.content.0.type',
      ],
      [
        { messages: [{ role: 'user', content: [{ type: 'container_upload', file_id: 'f' }] }] },
        'messages.0.content.0.type',
      ],
    ];
    for (const [body, param] of cases) {
      const error = refusal({ ...base, ...body });
      expect({ param: error.options.param, code: error.code }).toEqual({ param, code: 'invalid_request' });
      expect(error.message).toContain('"gpt-alias"');
    }
  });
});
