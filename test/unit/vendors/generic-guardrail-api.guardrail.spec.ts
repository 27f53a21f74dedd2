import type { Guardrail, GuardrailMode } from '../../../src/guardrails/guardrail.types';
import { genericGuardrailApiGuardrail } from '../../../src/guardrails/vendors/generic-guardrail-api/generic-guardrail-api.guardrail';
import {
  GENERIC_MOCK_API_KEY,
  startGenericGuardrailMock,
  type GenericGuardrailMock,
} from '../../mocks/generic-guardrail-api.mock';
import {
  contextOf,
  definitionOf,
  expectError,
  expectFlagged,
  onlyRequest,
  realVendorHttp,
  serveVendorMock,
} from './vendor-test-kit';

const http = realVendorHttp();
let mock: GenericGuardrailMock;
serveVendorMock(http, startGenericGuardrailMock, (started) => (mock = started));

function generic(params: Record<string, unknown> = {}, modes: GuardrailMode[] = ['pre_call']): Guardrail {
  return genericGuardrailApiGuardrail.create(
    definitionOf('generic_guardrail_api', { api_key: GENERIC_MOCK_API_KEY, api_base: mock.apiBase, ...params }, modes),
    { http },
  );
}

const card = {
  messages: [
    { role: 'system', content: 'You are a support bot.' },
    { role: 'user', content: 'My card is 4111 1111 1111 1111, please update it.' },
  ],
};

describe('generic_guardrail_api guardrail', () => {
  it("sends LiteLLM's request body, every key present, with x-api-key and the static headers", async () => {
    await generic({ headers: { 'X-Team': 'payments' }, additional_provider_specific_params: { threshold: 0.8 } }).check(
      card,
      contextOf('pre_call', { requestId: 'call-1', extraBody: { threshold: 0.9, lang: 'en' } }),
    );

    const request = onlyRequest(mock);
    expect(request.path).toBe('/guard/beta/litellm_basic_guardrail_api');
    expect(request.headers['x-api-key']).toBe(GENERIC_MOCK_API_KEY);
    expect(request.headers['x-team']).toBe('payments');
    expect(request.body).toEqual({
      input_type: 'request',
      texts: ['You are a support bot.', 'My card is 4111 1111 1111 1111, please update it.'],
      structured_messages: card.messages,
      images: null,
      tools: null,
      tool_calls: null,
      request_data: {},
      request_headers: null,
      litellm_call_id: 'call-1',
      litellm_trace_id: 'call-1',
      litellm_version: null,
      additional_provider_specific_params: { threshold: 0.9, lang: 'en' },
      model: null,
    });
  });

  it('does not append the route twice when api_base already ends with it', async () => {
    await generic({ api_base: `${mock.apiBase}/beta/litellm_basic_guardrail_api/` }).check(card, contextOf('pre_call'));
    expect(onlyRequest(mock).path).toBe('/guard/beta/litellm_basic_guardrail_api');
  });

  it('applies GUARDRAIL_INTERVENED texts positionally as a mask', async () => {
    const verdict = expectFlagged(await generic().check(card, contextOf('pre_call')));
    expect(verdict.rewrite?.messages).toEqual([
      card.messages[0],
      { role: 'user', content: 'My card is [CARD], please update it.' },
    ]);
    expect(JSON.stringify(verdict.vendorResponse)).not.toContain('[CARD]');
    expect(verdict.vendorResponse).toEqual({ action: 'GUARDRAIL_INTERVENED', texts_changed: 1 });
  });

  it('rewrites on NONE with changed texts as LiteLLM does, and passes NONE, a missing action and an unknown one', async () => {
    mock.set({ reply: { action: 'NONE', texts: ['You are a support bot.', 'redacted'] } });
    expect(expectFlagged(await generic().check(card, contextOf('pre_call'))).rewrite?.messages?.[1].content).toBe(
      'redacted',
    );
    for (const reply of [{ action: 'NONE' }, {}, { action: 'MAYBE' }]) {
      mock.set({ reply });
      expect((await generic().check(card, contextOf('pre_call'))).outcome).toBe('pass');
    }
  });

  it('flags BLOCKED with its reason in the vendor response', async () => {
    const verdict = expectFlagged(
      await generic().check({ messages: [{ role: 'user', content: 'BLOCKME' }] }, contextOf('pre_call')),
    );
    expect(verdict.rewrite).toBeUndefined();
    expect(verdict.vendorResponse).toEqual({ action: 'BLOCKED', blocked_reason: 'Content blocked by the test policy' });
  });

  it('sends the answer as input_type response in post_call and rewrites it', async () => {
    const verdict = expectFlagged(
      await generic({}, ['post_call']).check(
        { messages: card.messages, response: 'Mail me at a@b.co' },
        contextOf('post_call'),
      ),
    );
    expect(onlyRequest(mock).body).toMatchObject({
      input_type: 'response',
      texts: ['Mail me at a@b.co'],
      structured_messages: null,
    });
    expect(verdict.rewrite).toEqual({ response: 'Mail me at [EMAIL]' });
  });

  it('refuses texts of the wrong length', async () => {
    mock.set({ reply: { action: 'GUARDRAIL_INTERVENED', texts: ['only one'] } });
    expect(expectError(await generic().check(card, contextOf('pre_call'))).message).toContain('1 texts for the 2 sent');
  });

  it('reports a wrong key as a 401 error', async () => {
    expect(expectError(await generic({ api_key: 'wrong' }).check(card, contextOf('pre_call'))).status).toBe(401);
  });

  it('requires api_base', () => {
    expect(genericGuardrailApiGuardrail.validate({}, definitionOf('generic_guardrail_api', {}))).toEqual([
      ['api_base', 'api_base is required'],
    ]);
  });
});
