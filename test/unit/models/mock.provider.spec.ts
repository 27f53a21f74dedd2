import type { ChatCall } from '../../../src/models/providers/llm-provider.interface';
import { lastUserText, MockProvider } from '../../../src/models/providers/mock.provider';
import type { ModelDeployment } from '../../../src/config/config.schema';

function call(body: Record<string, unknown>, mockResponse?: string, stream = false): ChatCall {
  const deployment: ModelDeployment = {
    id: 'demo#0',
    modelName: 'demo',
    provider: 'mock',
    upstreamModel: 'demo-model',
    mockResponse,
    extraHeaders: {},
  };
  return { deployment, body, stream, signal: new AbortController().signal, idleTimeoutMs: 1000 };
}

async function answer(body: Record<string, unknown>, mockResponse?: string): Promise<string> {
  const response = await new MockProvider().complete(call(body, mockResponse));
  if (response.kind !== 'json') {
    throw new Error('expected JSON');
  }
  const choices = response.body.choices as Array<{ message: { content: string } }>;
  return choices[0].message.content;
}

describe(MockProvider.name, () => {
  const messages = [
    { role: 'system', content: 'be nice' },
    { role: 'user', content: 'first question' },
    { role: 'assistant', content: 'first answer' },
    { role: 'user', content: 'mail [MASKED EMAIL_ADDRESS] please' },
  ];

  it('answers mock_response as configured', async () => {
    expect(await answer({ messages }, 'Hi!')).toBe('Hi!');
  });

  it("lets the request body's mock_response win over the configured one", async () => {
    expect(await answer({ messages, mock_response: 'from the body' }, 'Hi!')).toBe('from the body');
  });

  it('echoes the last user message as it reached the model where mock_response says {last_user_message}', async () => {
    expect(await answer({ messages }, 'received: "{last_user_message}"')).toBe(
      'received: "mail [MASKED EMAIL_ADDRESS] please"',
    );
  });

  it('echoes in streams too, word by word', async () => {
    const response = await new MockProvider().complete(call({ messages }, 'got {last_user_message}', true));
    if (response.kind !== 'stream') {
      throw new Error('expected a stream');
    }
    let text = '';
    for await (const event of response.events) {
      const chunk = JSON.parse(event) as { choices: Array<{ delta: { content?: string } }> };
      text += chunk.choices[0].delta.content ?? '';
    }
    expect(text).toBe('got mail [MASKED EMAIL_ADDRESS] please');
  });

  it('reads the text parts of a multi-part message and ignores images', () => {
    expect(
      lastUserText([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look at this' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'text', text: 'and this' },
          ],
        },
      ]),
    ).toBe('look at this\nand this');
    expect(lastUserText([{ role: 'system', content: 'only a system prompt' }])).toBe('');
    expect(lastUserText(undefined)).toBe('');
  });
});
