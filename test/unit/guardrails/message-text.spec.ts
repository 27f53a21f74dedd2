import type { ChatMessage } from '../../../src/guardrails/guardrail.types';
import { mapTextSlots, textOf, textSlots, withJoinedText } from '../../../src/guardrails/message-text';

const otherCalls = [
  { id: 't2', type: 'function', function: { name: 'noop', arguments: { not: 'a string' } } },
  { id: 't3', type: 'custom' },
];
const agentTurn: ChatMessage = {
  role: 'assistant',
  content: [
    { type: 'text', text: 'Sending it.' },
    { type: 'refusal', refusal: 'Not the password.' },
  ],
  refusal: 'Also no.',
  tool_calls: [
    { id: 't1', type: 'function', function: { name: 'send', arguments: '{"to":"jane.doe@example.com"}' } },
    ...otherCalls,
  ],
  function_call: { name: 'legacy', arguments: '{"q":"x"}' },
};

describe('message text slots', () => {
  it('reads every text the model reads: parts, refusals, tool call and function call arguments', () => {
    expect(textSlots(agentTurn)).toEqual([
      'Sending it.',
      'Not the password.',
      'Also no.',
      '{"to":"jane.doe@example.com"}',
      '{"q":"x"}',
    ]);
    expect(textOf(agentTurn)).toBe(textSlots(agentTurn).join('\n'));
    expect(textOf({ role: 'user', content: 'plain' })).toBe('plain');
    expect(textOf({ role: 'assistant', content: null })).toBe('');
  });

  it('rewrites each slot in place and keeps everything else', () => {
    const rewritten = mapTextSlots(agentTurn, (text) => text.replace('jane.doe@example.com', '[MASKED]'));
    expect(rewritten).toEqual({
      ...agentTurn,
      tool_calls: [
        { id: 't1', type: 'function', function: { name: 'send', arguments: '{"to":"[MASKED]"}' } },
        ...otherCalls,
      ],
    });
    expect(mapTextSlots(agentTurn, (text) => text)).toBe(agentTurn);
  });

  it('puts a joined rewrite back slot by slot, and refuses one whose lines no longer match', () => {
    const message: ChatMessage = {
      role: 'assistant',
      content: 'line one\nline two',
      tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{"mail":"a@b.co"}' } }],
    };
    expect(withJoinedText(message, 'line one\nline two\n{"mail":"{EMAIL}"}')).toEqual({
      ...message,
      tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{"mail":"{EMAIL}"}' } }],
    });
    expect(withJoinedText(message, 'line one {"mail":"{EMAIL}"}')).toBeUndefined();
  });
});
