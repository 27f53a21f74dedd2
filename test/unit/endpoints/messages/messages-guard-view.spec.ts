import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import { guardMessages, withMaskedMessages } from '../../../../src/endpoints/messages/messages-guard-view';
import { parseMessagesRequest } from '../../../../src/endpoints/messages/messages-request';
import type { ChatMessage } from '../../../../src/guardrails/guardrail.types';
import { mapTextSlots } from '../../../../src/guardrails/message-text';

function request(body: Record<string, unknown>) {
  return parseMessagesRequest({ model: 'claude', max_tokens: 100, ...body }, {});
}

/** What a masking vendor does: rewrites every occurrence of `from` in every text slot. */
function maskAll(messages: ChatMessage[], from: string, to: string): ChatMessage[] {
  return messages.map((message) => mapTextSlots(message, (text) => text.split(from).join(to)));
}

const conversation = request({
  system: [{ type: 'text', text: 'You help bob@example.com.' }],
  messages: [
    { role: 'user', content: 'Mail bob@example.com' },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'The user wants mail.', signature: 'sig' },
        { type: 'text', text: 'Sending.' },
        { type: 'tool_use', id: 'toolu_1', name: 'send_mail', input: { to: 'bob@example.com', n: 1 } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sent to bob@example.com' }] },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
        { type: 'text', text: 'Thanks' },
      ],
    },
    { role: 'system', content: 'Stay polite.' },
  ],
});

describe(guardMessages.name, () => {
  it('lists system, text blocks, tool calls, tool results and thinking as chat messages, in order', () => {
    expect(guardMessages(conversation)).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'You help bob@example.com.' }] },
      { role: 'user', content: 'Mail bob@example.com' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'The user wants mail.' },
          { type: 'text', text: 'Sending.' },
        ],
        tool_calls: [
          {
            id: 'toolu_1',
            type: 'function',
            function: { name: 'send_mail', arguments: '{"to":"bob@example.com","n":1}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: [{ type: 'text', text: 'sent to bob@example.com' }] },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      { role: 'system', content: 'Stay polite.' },
    ]);
  });

  it('reads a string tool_result, a string system, document text sources and search results', () => {
    const messages = guardMessages(
      request({
        system: 'Be terse.',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 't', content: 'plain result' },
              { type: 'document', title: 'Doc', source: { type: 'text', media_type: 'text/plain', data: 'doc body' } },
              { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'chunk' }] } },
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' } },
              { type: 'search_result', title: 'Hit', source: 'https://x', content: [{ type: 'text', text: 'found' }] },
            ],
          },
        ],
      }),
    );
    expect(messages).toEqual([
      { role: 'system', content: 'Be terse.' },
      { role: 'tool', tool_call_id: 't', content: 'plain result' },
      {
        role: 'user',
        content: ['Doc', 'doc body', 'chunk', 'Hit', 'found'].map((text) => ({ type: 'text', text })),
      },
    ]);
  });

  it('leaves out turns with nothing to read (images, redacted thinking)', () => {
    const messages = guardMessages(
      request({
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
          { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'zzz' }] },
        ],
      }),
    );
    expect(messages).toEqual([]);
  });
});

describe(withMaskedMessages.name, () => {
  it('writes masks back into system, text blocks, tool_use input (still JSON) and tool_result content', () => {
    const masked = withMaskedMessages(conversation, maskAll(guardMessages(conversation), 'bob@example.com', '[EMAIL]'));
    const messages = masked.body.messages as Array<{ content: unknown }>;
    expect(masked.body.system).toEqual([{ type: 'text', text: 'You help [EMAIL].' }]);
    expect(messages[0].content).toBe('Mail [EMAIL]');
    expect(messages[1].content).toEqual([
      { type: 'thinking', thinking: 'The user wants mail.', signature: 'sig' },
      { type: 'text', text: 'Sending.' },
      { type: 'tool_use', id: 'toolu_1', name: 'send_mail', input: { to: '[EMAIL]', n: 1 } },
    ]);
    expect(messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sent to [EMAIL]' }] },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
      { type: 'text', text: 'Thanks' },
    ]);
    expect(JSON.stringify(masked.body)).not.toContain('bob@example.com');
  });

  it('leaves the request as it was when nothing changed, and never mutates it', () => {
    const before = JSON.stringify(conversation.body);
    expect(withMaskedMessages(conversation, guardMessages(conversation))).toBe(conversation);
    withMaskedMessages(conversation, maskAll(guardMessages(conversation), 'Thanks', 'Merci'));
    expect(JSON.stringify(conversation.body)).toBe(before);
  });

  it('masks a string tool_result and a document text source where they came from', () => {
    const original = request({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't', content: 'ssn 123' },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'ssn 123' } },
          ],
        },
      ],
    });
    const masked = withMaskedMessages(original, maskAll(guardMessages(original), '123', '***'));
    expect(masked.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't', content: 'ssn ***' },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'ssn ***' } },
        ],
      },
    ]);
  });

  it('refuses a mask that breaks the tool_use input JSON', () => {
    const masked = maskAll(guardMessages(conversation), '"to":', '');
    expect(() => withMaskedMessages(conversation, masked)).toThrow(UnmaskableText);
  });

  it('refuses a mask in thinking text, whose signature an edit would break', () => {
    const masked = maskAll(guardMessages(conversation), 'wants mail', '[MASKED]');
    expect(() => withMaskedMessages(conversation, masked)).toThrow(new UnmaskableText('messages.1.content.0.thinking'));
  });

  it('refuses a masked list that no longer matches the request', () => {
    expect(() => withMaskedMessages(conversation, guardMessages(conversation).slice(1))).toThrow(UnmaskableText);
  });
});
