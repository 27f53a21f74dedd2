import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import {
  responsesGuardMessages,
  withMaskedResponsesInput,
} from '../../../../src/endpoints/responses/responses-guard-view';
import type { ChatMessage } from '../../../../src/guardrails/guardrail.types';
import { mapTextSlots } from '../../../../src/guardrails/message-text';

const body = {
  model: 'gpt',
  instructions: 'Be terse.',
  input: [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'mail a@b.c' },
        { type: 'input_image', image_url: 'u' },
      ],
    },
    {
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'output_text', text: 'ok' },
        { type: 'refusal', refusal: 'no' },
      ],
    },
    { type: 'function_call', call_id: 'call_1', name: 'send', arguments: '{"to":"a@b.c"}' },
    { type: 'function_call_output', call_id: 'call_1', output: 'sent to a@b.c' },
    { type: 'custom_tool_call', call_id: 'call_2', name: 'sh', input: 'echo a@b.c' },
    { type: 'custom_tool_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'a@b.c' }] },
    { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }] },
    { type: 'web_search_call', id: 'ws_1' },
  ],
};

/** Every text slot of every message through `rewrite`, as a masking vendor would. */
function masked(messages: ChatMessage[], rewrite: (text: string) => string): ChatMessage[] {
  return messages.map((message) => mapTextSlots(message, rewrite));
}

describe(responsesGuardMessages.name, () => {
  it('lists instructions, then each item with text as the chat message vendors understand', () => {
    expect(responsesGuardMessages(body)).toEqual([
      { role: 'system', content: 'Be terse.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'mail a@b.c' },
          { type: 'image_url', image_url: { url: 'u', detail: undefined } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'ok' },
          { type: 'refusal', refusal: 'no' },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'send', arguments: '{"to":"a@b.c"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sent to a@b.c' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'sh', arguments: 'echo a@b.c' } }],
      },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'a@b.c' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'thinking' }] },
    ]);
  });

  it('reads a string input as one user message', () => {
    expect(responsesGuardMessages({ model: 'm', input: 'hello' })).toEqual([{ role: 'user', content: 'hello' }]);
  });
});

describe(withMaskedResponsesInput.name, () => {
  it('writes each mask into the field its text came from, and leaves everything else as it was', () => {
    const messages = responsesGuardMessages(body).slice(0, -1);
    const rewritten = masked(messages, (text) => text.replaceAll('a@b.c', '[EMAIL]').replace('Be terse', 'Be brief'));
    const result = withMaskedResponsesInput(body, [...rewritten, responsesGuardMessages(body).at(-1)!]);
    expect(result.instructions).toBe('Be brief.');
    expect(result.input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'mail [EMAIL]' },
          { type: 'input_image', image_url: 'u' },
        ],
      },
      body.input[1],
      { type: 'function_call', call_id: 'call_1', name: 'send', arguments: '{"to":"[EMAIL]"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'sent to [EMAIL]' },
      { type: 'custom_tool_call', call_id: 'call_2', name: 'sh', input: 'echo [EMAIL]' },
      { type: 'custom_tool_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '[EMAIL]' }] },
      body.input[6],
      body.input[7],
    ]);
    expect(JSON.stringify(result)).not.toContain('a@b.c');
  });

  it('writes a mask of a string input back into input', () => {
    const request = { model: 'm', input: 'mail a@b.c' };
    const result = withMaskedResponsesInput(request, [{ role: 'user', content: 'mail [EMAIL]' }]);
    expect(result).toEqual({ model: 'm', input: 'mail [EMAIL]' });
  });

  it('refuses to rewrite reasoning text, which goes back to the model as it wrote it', () => {
    const messages = masked(responsesGuardMessages(body), (text) => text.replace('thinking', '[X]'));
    expect(() => withMaskedResponsesInput(body, messages)).toThrow(UnmaskableText);
  });

  it('refuses masked function call arguments that are no longer JSON', () => {
    const messages = masked(responsesGuardMessages(body), (text) => text.replace('{"to":"a@b.c"}', '{"to":"a@'));
    expect(() => withMaskedResponsesInput(body, messages)).toThrow(/input\[2\]\.arguments/);
  });

  it('refuses a masked list that no longer matches the request', () => {
    expect(() => withMaskedResponsesInput(body, responsesGuardMessages(body).slice(1))).toThrow(UnmaskableText);
  });
});
