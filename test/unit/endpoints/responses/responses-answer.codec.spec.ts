import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import { ResponsesStreamBuilder } from '../../../../src/endpoints/responses/chat-stream-to-responses';
import { RESPONSES_ANSWER_CODEC as codec } from '../../../../src/endpoints/responses/responses-answer.codec';

const SECRET = 'jane@example.com';

const response = {
  id: 'resp_1',
  object: 'response',
  status: 'completed',
  output_text: `Mail ${SECRET}`,
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'thinking' }] },
    {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'output_text', text: `Mail ${SECRET}`, annotations: [], logprobs: [{ token: 'jane' }] },
        { type: 'refusal', refusal: 'no' },
      ],
    },
    { id: 'fc_1', type: 'function_call', call_id: 'c', name: 'send', arguments: `{"to":"${SECRET}"}` },
    { id: 'ctc_1', type: 'custom_tool_call', call_id: 'd', name: 'sh', input: `mail ${SECRET}` },
  ],
};

/** A stream as openai/ sends it: obfuscation padding, logprobs, the text in deltas, done events, items, response. */
function nativeStream(): string[] {
  const builder = new ResponsesStreamBuilder({ model: 'gpt' });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    id: 'chatcmpl-1',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const events = [
    ...builder.push(chunk({ content: 'Mail jane@' })),
    ...builder.push(chunk({ content: 'example.com' })),
    ...builder.push(
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'send', arguments: '{"to":"' } }] }),
    ),
    ...builder.push(chunk({ tool_calls: [{ index: 0, function: { arguments: `${SECRET}"}` } }] })),
    ...builder.push(chunk({}, 'tool_calls')),
    ...builder.finish(),
  ];
  return events.map((event) =>
    JSON.stringify(event.type === 'response.output_text.delta' ? { ...event, obfuscation: 'pad' } : event),
  );
}

describe('RESPONSES_ANSWER_CODEC', () => {
  describe('on a Response object', () => {
    it('reads message texts, refusals, function call arguments, custom tool input and reasoning summaries', () => {
      expect([...codec.jsonTexts(response)]).toEqual([
        ['0:summary.0', 'thinking'],
        ['1:content.0', `Mail ${SECRET}`],
        ['1:content.1', 'no'],
        ['2:arguments', `{"to":"${SECRET}"}`],
        ['3:input', `mail ${SECRET}`],
      ]);
    });

    it('marks reasoning as read-only', () => {
      expect(codec.readOnly?.('0:summary.0')).toBe(true);
      expect(codec.readOnly?.('1:content.0')).toBe(false);
    });

    it('writes masks back where each text was and leaves no trace of the original', () => {
      const texts = new Map(
        [...codec.jsonTexts(response)].map(([slot, text]) => [slot, text.replace(SECRET, '[EMAIL]')]),
      );
      const rewritten = codec.withJsonTexts(response, texts);
      expect(JSON.stringify(rewritten)).not.toContain('jane');
      expect(rewritten.output_text).toBe('Mail [EMAIL]');
      expect((rewritten.output as Array<Record<string, unknown>>)[2].arguments).toBe('{"to":"[EMAIL]"}');
    });

    it('refuses function call arguments that a mask left without valid JSON', () => {
      expect(() => codec.withJsonTexts(response, new Map([['2:arguments', '{"to":']]))).toThrow(UnmaskableText);
    });
  });

  describe('on a held stream', () => {
    it('assembles each text from its deltas and done events', () => {
      expect([...codec.streamTexts(nativeStream())]).toEqual([
        ['0:content.0', `Mail ${SECRET}`],
        ['1:arguments', `{"to":"${SECRET}"}`],
      ]);
    });

    it('reads a dying stream’s deltas', () => {
      const events = nativeStream().slice(0, 6);
      expect(codec.streamTexts(events).get('0:content.0')).toBe(`Mail ${SECRET}`);
    });

    it('reads every version when the deltas and the done text disagree', () => {
      const events = nativeStream().map((data) => data.replace('"text":"Mail jane@example.com"', '"text":"harmless"'));
      expect(codec.streamTexts(events).get('0:content.0')).toContain(SECRET);
    });

    it('rewrites deltas, done events, items and the terminal response, so the original appears nowhere', () => {
      const events = nativeStream();
      const texts = new Map(
        [...codec.streamTexts(events)].map(([slot, text]) => [slot, text.replace(SECRET, '[EMAIL]')]),
      );
      const rewritten = codec.withStreamTexts(events, texts);
      expect(rewritten.join('\n')).not.toMatch(/jane|example\.com|pad/);
      const parsed = rewritten.map((data) => JSON.parse(data) as Record<string, unknown>);
      expect(parsed.map((event) => event.sequence_number)).toEqual([...parsed.keys()]);
      expect(codec.streamTexts(rewritten)).toEqual(texts);
      const deltas = parsed.filter((event) => event.type === 'response.output_text.delta');
      expect(deltas).toEqual([expect.objectContaining({ delta: 'Mail [EMAIL]' })]);
      expect(parsed.at(-1)).toMatchObject({
        type: 'response.completed',
        response: { output: [{ content: [{ text: 'Mail [EMAIL]' }] }, { arguments: '{"to":"[EMAIL]"}' }] },
      });
    });

    it('keeps a stream whose slots are not rewritten as it was', () => {
      const events = nativeStream();
      expect(codec.withStreamTexts(events, new Map())).toEqual(events);
    });
  });
});
