import { WardenError } from '../../../../src/common/warden.error';
import { UnmaskableText } from '../../../../src/endpoints/endpoint.adapter';
import { chatAnswerAsResponses, responsesAdapter } from '../../../../src/endpoints/responses/responses.adapter';
import { RESPONSES_ANSWER_CODEC as codec } from '../../../../src/endpoints/responses/responses-answer.codec';
import { toChatRequest } from '../../../../src/endpoints/responses/responses-translation';

const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  '',
  'x',
  true,
  [],
  {},
  [null],
  [{}],
  { __proto__: null },
  { constructor: 1 },
];

/** Bodies built from odd values in every field the adapter reads. */
function oddBodies(): unknown[] {
  const bodies: unknown[] = [...ODD_VALUES];
  for (const value of ODD_VALUES) {
    for (const field of ['model', 'input', 'instructions', 'stream', 'tools', 'tool_choice', 'text', 'metadata']) {
      bodies.push({ model: 'm', input: 'hi', [field]: value });
    }
    for (const type of [
      undefined,
      'message',
      'function_call',
      'function_call_output',
      'reasoning',
      'custom_tool_call',
    ]) {
      for (const field of ['role', 'content', 'arguments', 'output', 'input', 'summary', 'call_id', 'name']) {
        bodies.push({ model: 'm', input: [{ type, role: 'user', content: 'x', [field]: value }] });
      }
    }
  }
  return bodies;
}

/** What a run threw, unless it is a domain error (a 400, or a mask that blocks). */
function crashOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WardenError || error instanceof UnmaskableText) {
      return undefined;
    }
    return error instanceof Error ? (error.stack ?? error.message) : 'a thrown non-error';
  }
  return undefined;
}

describe('the responses adapter on bad input', () => {
  it('answers odd bodies with a 400 or handles them, never a crash', () => {
    const crashes = oddBodies().flatMap((body) => {
      const crash = crashOf(() => {
        const request = responsesAdapter.parse(body, {});
        const messages = responsesAdapter.guardMessages(request);
        responsesAdapter.withMaskedMessages(request, messages);
        toChatRequest(request.body, 'm');
      });
      return crash === undefined ? [] : [{ body, crash }];
    });
    expect(crashes).toEqual([]);
  });

  it('reads and rewrites odd answers and events without crashing', () => {
    const crashes = ODD_VALUES.flatMap((value) => {
      const crash = crashOf(() => {
        for (const answer of [
          { output: value },
          { output: [value] },
          { output: [{ type: 'message', content: value }] },
        ]) {
          codec.withJsonTexts(answer, codec.jsonTexts(answer));
        }
        const events = [JSON.stringify(value), JSON.stringify({ type: 'response.output_text.delta', delta: value })];
        codec.withStreamTexts(events, codec.streamTexts(events));
        chatAnswerAsResponses({ kind: 'json', body: { choices: value } }, {}, false);
      });
      return crash === undefined ? [] : [{ value, crash }];
    });
    expect(crashes).toEqual([]);
  });
});
