import type { ChatMessage, Guardrail, GuardrailMode } from '../../../src/guardrails/guardrail.types';
import { bedrockGuardrail } from '../../../src/guardrails/vendors/bedrock/bedrock.guardrail';
import errorsFixture from '../../fixtures/vendors/bedrock.errors.json';
import noneFixture from '../../fixtures/vendors/bedrock.none.json';
import piiFixture from '../../fixtures/vendors/bedrock.pii-anonymized.json';
import promptAttackFixture from '../../fixtures/vendors/bedrock.prompt-attack.json';
import { startBedrockMock, type BedrockErrorStatus, type BedrockMock } from '../../mocks/bedrock.mock';
import {
  contextOf,
  definitionOf,
  expectError,
  expectFlagged,
  onlyRequest,
  realVendorHttp,
  serveVendorMock,
} from './vendor-test-kit';

const DUMMY_CREDENTIALS = {
  aws_access_key_id: 'AKIDEXAMPLE',
  aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const http = realVendorHttp();
let mock: BedrockMock;
serveVendorMock(http, startBedrockMock, (started) => (mock = started));

function bedrock(params: Record<string, unknown> = {}, modes: GuardrailMode[] = ['pre_call']): Guardrail {
  const definition = definitionOf(
    'bedrock',
    {
      guardrailIdentifier: 'gr123abc',
      guardrailVersion: '1',
      aws_region_name: 'eu-west-1',
      aws_bedrock_runtime_endpoint: mock.url,
      ...DUMMY_CREDENTIALS,
      ...params,
    },
    modes,
  );
  return bedrockGuardrail.create(definition, { http });
}

const openingHours = { messages: [{ role: 'user', content: noneFixture.request.content[0]?.text.text ?? '' }] };

describe('bedrock guardrail', () => {
  it('answers under the bedrock_guardrail_response key', () => {
    expect(bedrock().responseKey).toBe('bedrock_guardrail_response');
  });

  describe('request', () => {
    it('applies the guardrail to the prompt as INPUT, as documented', async () => {
      await bedrock().check(openingHours, contextOf('pre_call'));

      const request = onlyRequest(mock);
      expect(request.method).toBe('POST');
      expect(request.path).toBe(noneFixture.path);
      expect(request.body).toEqual(noneFixture.request);
    });

    it('signs with SigV4 for service bedrock in the configured region, once, without SDK retries', async () => {
      await bedrock().check(openingHours, contextOf('pre_call'));

      const { headers } = onlyRequest(mock);
      expect(headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request, /,
      );
      expect(headers['amz-sdk-request']).toBe('attempt=1; max=1');
      expect(headers['x-amz-security-token']).toBeUndefined();
    });

    it('sends the session token of temporary credentials', async () => {
      await bedrock({ aws_session_token: 'session-token' }).check(openingHours, contextOf('pre_call'));

      expect(onlyRequest(mock).headers['x-amz-security-token']).toBe('session-token');
    });

    it('sends an ARN identifier URL-encoded, a DRAFT version and a numeric version as text', async () => {
      const arn = 'arn:aws:bedrock:eu-west-1:123456789012:guardrail/gr123abc';

      await bedrock({ guardrailIdentifier: arn, guardrailVersion: 'DRAFT' }).check(openingHours, contextOf('pre_call'));
      await bedrock({ guardrailVersion: 7 }).check(openingHours, contextOf('pre_call'));

      expect(
        mock.applied.map(({ guardrailIdentifier, guardrailVersion }) => [guardrailIdentifier, guardrailVersion]),
      ).toEqual([
        [arn, 'DRAFT'],
        ['gr123abc', '7'],
      ]);
      expect(mock.requests[0]?.path).toContain('arn%3Aaws%3Abedrock');
    });

    it('sends one text block per message text, dropping text-less messages', async () => {
      const messages: ChatMessage[] = [
        { role: 'system', content: 'Be brief.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1' }] },
        {
          role: 'user',
          content: [{ type: 'text', text: 'Describe' }, { type: 'image_url' }, { type: 'text', text: 'this' }],
        },
      ];

      await bedrock().check({ messages }, contextOf('pre_call'));

      expect(onlyRequest(mock).body).toEqual({
        source: 'INPUT',
        content: [{ text: { text: 'Be brief.' } }, { text: { text: 'Describe\nthis' } }],
      });
    });

    it('applies the guardrail to the assistant response as OUTPUT in post_call', async () => {
      const input = {
        messages: [{ role: 'user', content: 'Where should I send the invoice?' }],
        response: piiFixture.request.content[0]?.text.text ?? '',
      };

      await bedrock({}, ['post_call']).check(input, contextOf('post_call'));

      expect(onlyRequest(mock).body).toEqual(piiFixture.request);
    });

    it('merges extra_body but never changes what is screened', async () => {
      const extraBody = { outputScope: 'FULL', source: 'OUTPUT', content: [], guardrailIdentifier: 'other' };

      await bedrock().check(openingHours, contextOf('pre_call', { extraBody }));

      expect(onlyRequest(mock).body).toEqual({ ...noneFixture.request, outputScope: 'FULL' });
      expect(mock.applied[0]?.guardrailIdentifier).toBe('gr123abc');
    });

    it('passes without calling AWS when no message has text', async () => {
      const verdict = await bedrock().check({ messages: [{ role: 'user', content: '' }] }, contextOf('pre_call'));

      expect(verdict).toEqual({ outcome: 'pass' });
      expect(mock.requests).toHaveLength(0);
    });
  });

  describe('verdicts', () => {
    it('passes NONE with the ApplyGuardrail answer, without $metadata or outputs (the user text)', async () => {
      const verdict = await bedrock().check(openingHours, contextOf('pre_call'));

      const { outputs: _outputs, ...answer } = noneFixture.response;
      expect(verdict).toEqual({ outcome: 'pass', vendorResponse: answer });
    });

    it('keeps the user text out of a block next to a detect-only item, and keeps the blocked message', async () => {
      mock.set({
        reply: {
          action: 'GUARDRAIL_INTERVENED',
          outputs: [{ text: 'I am Jane Roe, mail {EMAIL}' }],
          assessments: [
            {
              sensitiveInformationPolicy: {
                piiEntities: [
                  { match: 'jane.roe@example.com', type: 'EMAIL', action: 'ANONYMIZED', detected: true },
                  { match: 'Jane Roe', type: 'NAME', action: 'NONE', detected: true },
                ],
              },
            },
          ],
        },
      });
      const messages = [{ role: 'user', content: 'I am Jane Roe, mail jane.roe@example.com' }];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.rewrite).toBeUndefined();
      expect(JSON.stringify(verdict.vendorResponse)).not.toMatch(/Jane Roe|jane\.roe/);
      mock.set({ reply: undefined });
      const blocked = expectFlagged(
        await bedrock().check({ messages: [{ role: 'user', content: 'please BLOCKME' }] }, contextOf('pre_call')),
      );
      expect(blocked.vendorResponse).toMatchObject({ outputs: promptAttackFixture.response.outputs });
    });

    it('flags a blocked prompt attack with the content filter as the finding', async () => {
      const messages = [{ role: 'user', content: promptAttackFixture.request.content[0]?.text.text ?? '' }];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.findings).toEqual([{ detector: 'bedrock.contentPolicy', type: 'PROMPT_ATTACK', count: 1 }]);
      expect(verdict.vendorResponse).toMatchObject(promptAttackFixture.response);
      expect(verdict.rewrite).toBeUndefined();
    });

    it('flags anonymized PII and masks the response with the text Bedrock returned', async () => {
      const input = { messages: [{ role: 'user', content: 'Invoice?' }], response: 'Mail jane.doe@example.com' };

      const verdict = expectFlagged(await bedrock({}, ['post_call']).check(input, contextOf('post_call')));

      expect(verdict.findings).toEqual([{ detector: 'bedrock.sensitiveInformationPolicy', type: 'EMAIL', count: 1 }]);
      expect(verdict.rewrite).toEqual({ response: 'Mail {EMAIL}' });
    });

    it('masks each anonymized message in place and leaves the others as they were', async () => {
      const messages: ChatMessage[] = [
        { role: 'system', content: 'Be brief.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1' }] },
        { role: 'user', content: 'Send it to jane.doe@example.com' },
        { role: 'user', content: 'and copy max@example.org' },
      ];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.rewrite).toEqual({
        messages: [
          messages[0],
          messages[1],
          { role: 'user', content: 'Send it to {EMAIL}' },
          { role: 'user', content: 'and copy {EMAIL}' },
        ],
      });
    });

    it('puts masked text back into the text parts of a multi-part message, images kept in place', async () => {
      const image = { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } };
      const messages: ChatMessage[] = [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Line one\nmail jane.doe@example.com' },
            image,
            { type: 'text', text: 'or max@example.org' },
          ],
        },
      ];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.rewrite).toEqual({
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'Line one\nmail {EMAIL}' }, image, { type: 'text', text: 'or {EMAIL}' }],
          },
        ],
      });
    });

    it('blocks, without a rewrite, when anything was BLOCKED next to the anonymized PII', async () => {
      const messages = [{ role: 'user', content: 'BLOCKME and mail jane.doe@example.com' }];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.rewrite).toBeUndefined();
      expect(verdict.findings).toEqual([
        { detector: 'bedrock.wordPolicy', type: 'CUSTOM_WORD', count: 1 },
        { detector: 'bedrock.sensitiveInformationPolicy', type: 'EMAIL', count: 1 },
      ]);
      expect(verdict.vendorResponse).toMatchObject({ outputs: promptAttackFixture.response.outputs });
    });

    it.each([
      ['a detect-only item', { contentPolicy: { filters: [{ type: 'INSULTS', action: 'NONE', detected: true }] } }],
      [
        'an action Warden does not know',
        { topicPolicy: { topics: [{ name: 'x', type: 'DENY', action: 'REDACTED' }] } },
      ],
    ])('blocks, without a rewrite, when the answer also has %s', async (_label, extra) => {
      const [assessment] = piiFixture.response.assessments;
      mock.set({ reply: { ...piiFixture.response, assessments: [{ ...assessment, ...extra }] } });
      const input = { messages: [], response: piiFixture.request.content[0]?.text.text ?? '' };

      const verdict = expectFlagged(await bedrock({}, ['post_call']).check(input, contextOf('post_call')));

      expect(verdict.rewrite).toBeUndefined();
    });

    it('blocks, without a rewrite, when the masked outputs do not map onto the blocks sent', async () => {
      mock.set({ reply: piiFixture.response });
      const messages = [
        { role: 'user', content: 'Hello' },
        { role: 'user', content: 'Please email the invoice to jane.doe@example.com' },
      ];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.rewrite).toBeUndefined();
    });

    it('blocks, without a rewrite, when a multi-part message cannot be split back into its parts', async () => {
      mock.set({ reply: { ...piiFixture.response, outputs: [{ text: 'one line {EMAIL}' }] } });
      const messages = [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'first' },
            { type: 'text', text: 'jane.doe@example.com' },
          ],
        },
      ];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.rewrite).toBeUndefined();
    });

    it('flags a custom word without quoting it in the findings or the vendor response', async () => {
      const messages = [{ role: 'user', content: 'please BLOCKME' }];

      const verdict = expectFlagged(await bedrock().check({ messages }, contextOf('pre_call')));

      expect(verdict.findings).toEqual([{ detector: 'bedrock.wordPolicy', type: 'CUSTOM_WORD', count: 1 }]);
      expect(JSON.stringify(verdict.findings)).not.toContain('BLOCKME');
      expect(JSON.stringify(verdict.vendorResponse)).not.toContain('BLOCKME');
    });

    it('reads the documented anonymize answer, keeping neither the PII nor the masked text in the vendor response', async () => {
      mock.set({ reply: piiFixture.response });
      const input = { messages: [], response: piiFixture.request.content[0]?.text.text ?? '' };

      const verdict = expectFlagged(await bedrock({}, ['post_call']).check(input, contextOf('post_call')));

      expect(verdict.rewrite).toEqual({ response: piiFixture.response.outputs[0]?.text });
      const { outputs: _outputs, output: _output, ...rest } = piiFixture.response;
      expect(verdict.vendorResponse).toEqual({
        ...rest,
        assessments: [
          {
            sensitiveInformationPolicy: {
              piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZED', detected: true }],
              regexes: [],
            },
          },
        ],
      });
      expect(verdict.vendorResponse).not.toHaveProperty('$metadata');
    });
  });

  describe('errors (the faults every HTTP vendor shares are in http-vendor-faults.spec.ts)', () => {
    it.each(Object.entries(errorsFixture.errors))(
      'turns HTTP %s into an error verdict with the SDK exception name',
      async (status, { code }) => {
        mock.set({ status: Number(status) as BedrockErrorStatus });

        const verdict = expectError(await bedrock().check(openingHours, contextOf('pre_call')));

        expect(verdict).toMatchObject({ status: Number(status), code });
        expect(verdict.message).toContain(code);
        expect(mock.requests).toHaveLength(1);
      },
    );

    it('reports the error code AWS sent, not the one its status usually means', async () => {
      mock.set({ status: 400, errorCode: 'ServiceQuotaExceededException' });

      const verdict = expectError(await bedrock().check(openingHours, contextOf('pre_call')));

      expect(verdict).toMatchObject({ status: 400, code: 'ServiceQuotaExceededException' });
    });

    it('surfaces the ValidationException for a version AWS rejects', async () => {
      const verdict = expectError(await bedrock({ guardrailVersion: 'v1' }).check(openingHours, contextOf('pre_call')));

      expect(verdict).toMatchObject({ status: 400, code: 'ValidationException' });
    });
  });

  describe('validate', () => {
    const definition = definitionOf('bedrock', {});

    it('accepts identifier and version, leaving credentials to the default AWS chain', () => {
      expect(bedrockGuardrail.validate({ guardrailIdentifier: 'gr1', guardrailVersion: 'DRAFT' }, definition)).toEqual(
        [],
      );
      expect(bedrockGuardrail.validate({ guardrailIdentifier: 'gr1', guardrailVersion: 3 }, definition)).toEqual([]);
    });

    it('requires guardrailIdentifier and guardrailVersion', () => {
      expect(bedrockGuardrail.validate({}, definition).map(([key]) => key)).toEqual([
        'guardrailIdentifier',
        'guardrailVersion',
      ]);
    });

    it('rejects a version that is neither a number nor DRAFT', () => {
      expect(bedrockGuardrail.validate({ guardrailIdentifier: 'gr1', guardrailVersion: 'v1' }, definition)).toEqual([
        ['guardrailVersion', 'guardrailVersion must be a version number (1-99999999) or DRAFT'],
      ]);
    });

    it('wants the access key id and secret together', () => {
      const params = { guardrailIdentifier: 'gr1', guardrailVersion: '1', aws_access_key_id: 'AKID' };

      expect(bedrockGuardrail.validate(params, definition).map(([key]) => key)).toEqual(['aws_secret_access_key']);
    });

    it('wants the endpoint override to be a URL', () => {
      const params = { guardrailIdentifier: 'gr1', guardrailVersion: '1', aws_bedrock_runtime_endpoint: 'localhost' };

      expect(bedrockGuardrail.validate(params, definition).map(([key]) => key)).toEqual([
        'aws_bedrock_runtime_endpoint',
      ]);
    });
  });
});

describe('Bedrock mock', () => {
  it('answers an unsigned request with UnrecognizedClientException', async () => {
    const response = await http.postJson(`${mock.url}${noneFixture.path}`, JSON.stringify(noneFixture.request), {
      signal: new AbortController().signal,
    });

    expect(response.status).toBe(403);
    expect(response.headers['x-amzn-errortype']).toBe(
      `${errorsFixture.unrecognizedClient.code}${errorsFixture.errorTypeSuffix}`,
    );
    expect(response.json).toEqual({ message: errorsFixture.unrecognizedClient.message });
  });
});

describe('bedrock guardrail: where the flag was found', () => {
  it('is the side it was sent: the response (OUTPUT) in post_call, else the input', async () => {
    const prompt = [{ role: 'user', content: 'BLOCKME' }];
    const post = expectFlagged(
      await bedrock({}, ['post_call']).check({ messages: prompt, response: 'BLOCKME too' }, contextOf('post_call')),
    );
    const pre = expectFlagged(await bedrock().check({ messages: prompt }, contextOf('pre_call')));

    expect(post.flaggedIn).toBe('response');
    expect(pre.flaggedIn).toBe('input');
  });
});
