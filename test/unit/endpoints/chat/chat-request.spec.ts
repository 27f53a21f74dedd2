import { parseChatRequest } from '../../../../src/endpoints/chat/chat-request';
import { WardenError } from '../../../../src/common/warden.error';

function problemOf(body: unknown): { param: string | undefined; message: string } {
  try {
    parseChatRequest(body);
  } catch (error) {
    if (error instanceof WardenError) {
      return { param: error.options.param ?? undefined, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

const user = (content: unknown): Record<string, unknown> => ({ role: 'user', content });

describe('parseChatRequest', () => {
  it('reads model, messages and stream, and keeps every other field for the upstream', () => {
    const request = parseChatRequest({
      model: 'gpt',
      messages: [{ role: 'user', content: 'hi', name: 'ann' }],
      stream: true,
      temperature: 0.2,
      guardrails: ['pii'],
    });
    expect(request).toMatchObject({ model: 'gpt', stream: true });
    expect(request.messages).toEqual([{ role: 'user', content: 'hi', name: 'ann' }]);
    expect(request.upstreamBody).toEqual({
      model: 'gpt',
      messages: [{ role: 'user', content: 'hi', name: 'ann' }],
      stream: true,
      temperature: 0.2,
    });
    expect([...request.requestedGuardrails.keys()]).toEqual(['pii']);
  });

  it('accepts null content, content parts and messages without content (tool calls)', () => {
    const messages = [
      { role: 'assistant', content: null, tool_calls: [] },
      { role: 'tool', tool_call_id: 'a' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'x' },
          { type: 'image_url', image_url: { url: 'u' } },
        ],
      },
    ];
    expect(parseChatRequest({ model: 'gpt', messages }).messages).toBe(messages);
  });

  it.each([
    [{ model: 'gpt', messages: 'hi' }, 'messages', 'messages must be an array'],
    [{ model: 'gpt', messages: [] }, 'messages', 'messages should not be empty'],
    [{ model: 'gpt', messages: [user('a'), 'b'] }, 'messages', 'each value in messages must be an object'],
    [{ model: 'gpt', messages: [[user('a')]] }, 'messages', 'each value in messages must be an object'],
    [{ model: 'gpt', messages: [{ content: 'no role' }] }, 'messages[0].role', 'messages[0].role must be a string'],
    [{ model: 'gpt', messages: [user('a'), { role: 42 }] }, 'messages[1].role', 'messages[1].role must be a string'],
    [{ model: 'gpt', messages: [{ role: '' }] }, 'messages[0].role', 'messages[0].role should not be empty'],
    [{ model: 'gpt', messages: [{ role: 'r'.repeat(65) }] }, 'messages[0].role', 'shorter than or equal to 64'],
    [{ model: 'gpt', messages: [user(42)] }, 'messages[0].content', 'messages[0].content must be a string, null'],
    [{ model: 'gpt', messages: [user([{ text: 'no type' }])] }, 'messages[0].content', 'content parts with a "type"'],
    [{ messages: [user('a')] }, 'model', 'model must be a string'],
    [{ model: 'gpt', messages: [user('a')], stream: 'yes' }, 'stream', 'stream must be a boolean value'],
  ])('rejects %j on %s', (body, param, message) => {
    const problem = problemOf(body);
    expect(problem.param).toBe(param);
    expect(problem.message).toContain(message);
  });

  it('reports a value that is not an object before a bad role elsewhere in the list', () => {
    expect(problemOf({ model: 'gpt', messages: [{ role: 42 }, 7] }).param).toBe('messages');
  });
});
