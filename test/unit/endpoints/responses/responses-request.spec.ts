import { WardenError } from '../../../../src/common/warden.error';
import { parseResponsesRequest } from '../../../../src/endpoints/responses/responses-request';

function paramOf(body: unknown): string | null | undefined {
  try {
    parseResponsesRequest(body);
  } catch (error) {
    if (error instanceof WardenError) {
      return error.options.param;
    }
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe(parseResponsesRequest.name, () => {
  it('reads model and stream, and keeps every other field for the upstream, less Warden’s own', () => {
    const request = parseResponsesRequest({
      model: 'gpt',
      input: 'hi',
      stream: true,
      store: false,
      reasoning: { effort: 'low' },
      guardrails: ['pii'],
      metadata: { guardrails: ['secrets'], team: 'a' },
    });
    expect(request).toMatchObject({ model: 'gpt', stream: true });
    expect(request.body).toEqual({
      model: 'gpt',
      input: 'hi',
      stream: true,
      store: false,
      reasoning: { effort: 'low' },
      metadata: { team: 'a' },
    });
    expect([...request.requestedGuardrails.keys()]).toEqual(['pii', 'secrets']);
  });

  it('accepts every item kind it reads, and item kinds it does not read', () => {
    const request = parseResponsesRequest({
      model: 'gpt',
      instructions: null,
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'a' },
            { type: 'input_image', image_url: 'data:x' },
          ],
        },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'b' }] },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: 'ok' },
        { type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 't' }] },
        { type: 'web_search_call', id: 'ws' },
      ],
    });
    expect(request.stream).toBe(false);
  });

  it.each([
    ['a body that is not an object', [], null],
    ['a missing model', { input: 'x' }, 'model'],
    ['a model that is not a string', { model: 3 }, 'model'],
    ['a stream that is not a boolean', { model: 'm', stream: 'yes' }, 'stream'],
    ['instructions that are not a string', { model: 'm', instructions: ['x'] }, 'instructions'],
    ['an input that is neither string nor list', { model: 'm', input: { role: 'user' } }, 'input'],
    ['an item that is not an object', { model: 'm', input: ['hi'] }, 'input[0]'],
    ['a message without role', { model: 'm', input: [{ content: 'x' }] }, 'input[0].role'],
    ['message content that is an object', { model: 'm', input: [{ role: 'user', content: {} }] }, 'input[0].content'],
    [
      'a text part whose text is not a string',
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_text', text: 1 }] }] },
      'input[0].content[0].text',
    ],
    [
      'function call arguments that are an object',
      { model: 'm', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }] },
      'input[0].arguments',
    ],
    [
      'a tool output that is a number',
      { model: 'm', input: [{ type: 'function_call_output', call_id: 'c', output: 3 }] },
      'input[0].output',
    ],
    [
      'a reasoning summary without text',
      { model: 'm', input: [{ type: 'reasoning', summary: [{ type: 'summary_text' }] }] },
      'input[0].summary[0].text',
    ],
  ])('refuses %s with a 400 naming the param', (_label, body, param) => {
    expect(paramOf(body)).toBe(param);
  });

  it('refuses a body nested deeper than the cap before walking it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i += 1) {
      deep = [deep];
    }
    expect(() => parseResponsesRequest({ model: 'm', input: deep })).toThrow(/nested deeper/);
  });
});
