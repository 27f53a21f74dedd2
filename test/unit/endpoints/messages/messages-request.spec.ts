import { WardenError } from '../../../../src/common/warden.error';
import { parseMessagesRequest } from '../../../../src/endpoints/messages/messages-request';

const valid = { model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

function paramOf(body: unknown, headers = {}): string | null | undefined {
  try {
    parseMessagesRequest(body, headers);
  } catch (error) {
    expect(error).toBeInstanceOf(WardenError);
    return (error as WardenError).options.param;
  }
  throw new Error('expected a 400');
}

describe(parseMessagesRequest.name, () => {
  it('reads model and stream, and keeps unknown fields for the upstream', () => {
    const request = parseMessagesRequest({ ...valid, stream: true, top_k: 5, service_tier: 'auto' }, {});
    expect(request).toMatchObject({ model: 'claude', stream: true });
    expect(request.body).toEqual({ ...valid, stream: true, top_k: 5, service_tier: 'auto' });
  });

  it('takes guardrails from the body and metadata, and removes them before the upstream', () => {
    const request = parseMessagesRequest(
      { ...valid, guardrails: ['pii'], metadata: { user_id: 'u1', guardrails: ['lakera'] } },
      {},
    );
    expect([...request.requestedGuardrails.keys()]).toEqual(['pii', 'lakera']);
    expect(request.body.guardrails).toBeUndefined();
    expect(request.body.metadata).toEqual({ user_id: 'u1' });
  });

  it('passes the client anthropic-version and anthropic-beta headers on, and no other', () => {
    const request = parseMessagesRequest(valid, {
      'anthropic-version': '2026-10-21',
      'anthropic-beta': ['a-2025-01-01', 'b-2025-02-02'],
      authorization: 'Bearer secret',
      'x-api-key': 'secret',
    });
    expect(request.headers).toEqual({
      'anthropic-version': '2026-10-21',
      'anthropic-beta': 'a-2025-01-01,b-2025-02-02',
    });
  });

  it('requires model and an integer max_tokens', () => {
    expect(paramOf({ ...valid, model: undefined })).toBe('model');
    expect(paramOf({ ...valid, max_tokens: undefined })).toBe('max_tokens');
    expect(paramOf({ ...valid, max_tokens: 1.5 })).toBe('max_tokens');
    expect(paramOf({ ...valid, max_tokens: '10' })).toBe('max_tokens');
  });

  it('accepts max_tokens 0 (prompt cache pre-warming)', () => {
    expect(parseMessagesRequest({ ...valid, max_tokens: 0 }, {}).model).toBe('claude');
  });

  it('refuses a body that is not an object', () => {
    expect(paramOf([valid])).toBeNull();
    expect(paramOf('hello')).toBeNull();
  });

  it('names the field of a malformed message, block or system', () => {
    expect(paramOf({ ...valid, messages: 'Hi' })).toBe('messages');
    expect(paramOf({ ...valid, messages: [{ role: 'tool', content: 'x' }] })).toBe('messages.0.role');
    expect(paramOf({ ...valid, messages: [{ role: 'user', content: 5 }] })).toBe('messages.0.content');
    expect(paramOf({ ...valid, messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }] })).toBe(
      'messages.0.content.0.text',
    );
    expect(paramOf({ ...valid, messages: [{ role: 'user', content: ['Hi'] }] })).toBe('messages.0.content.0');
    expect(
      paramOf({
        ...valid,
        messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: '{}' }] }],
      }),
    ).toBe('messages.0.content.0.input');
    expect(
      paramOf({
        ...valid,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text' }] }] }],
      }),
    ).toBe('messages.0.content.0.content.0.text');
    expect(paramOf({ ...valid, system: [{ type: 'image' }] })).toBe('system.0');
    expect(paramOf({ ...valid, system: 5 })).toBe('system');
    expect(paramOf({ ...valid, stream: 'yes' })).toBe('stream');
  });

  it('accepts mid-conversation system messages and blocks it does not read', () => {
    const body = {
      ...valid,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'abc' }] },
      ],
    };
    expect(parseMessagesRequest(body, {}).body.messages).toEqual(body.messages);
  });

  it('refuses bodies nested absurdly deep before walking them', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i += 1) {
      deep = [deep];
    }
    expect(paramOf({ ...valid, tools: deep })).toBeNull();
  });
});
