import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Guardrail, GuardrailMode } from '../../../src/guardrails/guardrail.types';
import { ProblemList } from '../../../src/config/config.error';
import { parseGuardrailEntry } from '../../../src/config/guardrail-config.parser';
import { presidioGuardrail } from '../../../src/guardrails/vendors/presidio/presidio.guardrail';
import { startPresidioMock, type PresidioMock } from '../../mocks/presidio.mock';
import {
  contextOf,
  definitionOf,
  expectError,
  expectFlagged,
  realVendorHttp,
  serveVendorMock,
} from './vendor-test-kit';

const http = realVendorHttp();
let mock: PresidioMock;
serveVendorMock(http, startPresidioMock, (started) => (mock = started));

function presidio(params: Record<string, unknown> = {}, modes: GuardrailMode[] = ['pre_call']): Guardrail {
  const definition = definitionOf(
    'presidio',
    { presidio_analyzer_api_base: mock.url, presidio_anonymizer_api_base: mock.url, ...params },
    modes,
  );
  return presidioGuardrail.create(definition, { http });
}

const person = { messages: [{ role: 'user', content: 'My name is Jane Doe and my phone is 212-555-0188' }] };

describe('presidio guardrail', () => {
  it('answers under the presidio_response key', () => {
    expect(presidio().responseKey).toBe('presidio_response');
  });

  it('analyzes each text, anonymizes what was found and masks with <ENTITY_TYPE> (LiteLLM example a)', async () => {
    const verdict = expectFlagged(await presidio().check(person, contextOf('pre_call')));

    expect(mock.analyzeRequests()[0].body).toEqual({ text: person.messages[0].content, language: 'en' });
    expect(mock.anonymizeRequests()[0].body).toEqual({
      text: person.messages[0].content,
      analyzer_results: [
        { start: 11, end: 19, score: 0.85, entity_type: 'PERSON' },
        { start: 36, end: 48, score: 0.75, entity_type: 'PHONE_NUMBER' },
      ],
    });
    expect(verdict.rewrite?.messages?.[0].content).toBe('My name is <PERSON> and my phone is <PHONE_NUMBER>');
    expect(verdict.findings).toEqual([
      { detector: 'presidio', type: 'PERSON', score: 0.85, count: 1 },
      { detector: 'presidio', type: 'PHONE_NUMBER', score: 0.75, count: 1 },
    ]);
  });

  it('never puts the detected text in the vendor response', async () => {
    const verdict = expectFlagged(await presidio().check(person, contextOf('pre_call')));

    expect(JSON.stringify(verdict.vendorResponse)).not.toContain('Jane');
    expect(JSON.stringify(verdict.vendorResponse)).not.toContain('0188');
  });

  it('passes a clean text without calling the anonymizer', async () => {
    const verdict = await presidio().check(
      { messages: [{ role: 'user', content: 'What is 2 + 2?' }] },
      contextOf('pre_call'),
    );

    expect(verdict.outcome).toBe('pass');
    expect(mock.anonymizeRequests()).toHaveLength(0);
  });

  it('blocks an entity configured BLOCK, without anonymizing, and narrows entities to the configured ones', async () => {
    const verdict = expectFlagged(
      await presidio({ pii_entities_config: { PHONE_NUMBER: 'BLOCK', PERSON: 'MASK' } }).check(
        person,
        contextOf('pre_call'),
      ),
    );

    expect(verdict.rewrite).toBeUndefined();
    expect(mock.analyzeRequests()[0].body).toMatchObject({ entities: ['PHONE_NUMBER', 'PERSON'] });
    expect(mock.anonymizeRequests()).toHaveLength(0);
  });

  it('drops denied entities and those under their score threshold (the entity beats ALL)', async () => {
    const verdict = await presidio({
      presidio_entities_deny_list: ['PERSON'],
      presidio_score_thresholds: { ALL: 0.5, PHONE_NUMBER: 0.8 },
    }).check(person, contextOf('pre_call'));

    expect(verdict.outcome).toBe('pass');
  });

  it('masks every text part of every message and leaves other parts alone', async () => {
    const verdict = expectFlagged(
      await presidio().check(
        {
          messages: [
            { role: 'system', content: 'Support bot.' },
            {
              role: 'user',
              content: [
                { type: 'text', text: 'Mail jane.doe@example.com' },
                { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
              ],
            },
          ],
        },
        contextOf('pre_call'),
      ),
    );

    expect(verdict.rewrite?.messages?.[1].content).toEqual([
      { type: 'text', text: 'Mail <EMAIL_ADDRESS>' },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
    ]);
    expect(verdict.rewrite?.messages?.[0].content).toBe('Support bot.');
  });

  it('masks the answer in post_call', async () => {
    const verdict = expectFlagged(
      await presidio({}, ['post_call']).check({ messages: [], response: 'Call John Smith.' }, contextOf('post_call')),
    );

    expect(verdict.rewrite).toEqual({ response: 'Call <PERSON>.' });
    expect(verdict.flaggedIn).toBe('response');
  });

  it('honours presidio_filter_scope', async () => {
    expect((await presidio({ presidio_filter_scope: 'output' }).check(person, contextOf('pre_call'))).outcome).toBe(
      'pass',
    );
    expect(
      (
        await presidio({ presidio_filter_scope: 'input' }, ['post_call']).check(
          { messages: [], response: 'Jane Doe' },
          contextOf('post_call'),
        )
      ).outcome,
    ).toBe('pass');
    expect(mock.requests).toHaveLength(0);
  });

  it('sends ad-hoc recognizers read from the file LiteLLM names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'presidio-'));
    const file = join(dir, 'recognizers.json');
    const recognizers = [
      {
        name: 'Customer id',
        supported_language: 'en',
        supported_entity: 'CUSTOMER_ID',
        patterns: [{ name: 'zx id', regex: '\\bZX-\\d{4}\\b', score: 0.9 }],
      },
    ];
    writeFileSync(file, JSON.stringify(recognizers));
    const verdict = expectFlagged(
      await presidio({ presidio_ad_hoc_recognizers: file, pii_entities_config: { CUSTOMER_ID: 'MASK' } }).check(
        { messages: [{ role: 'user', content: 'Customer ZX-4471 wants a refund' }] },
        contextOf('pre_call'),
      ),
    );

    expect(mock.analyzeRequests()[0].body).toMatchObject({
      entities: ['CUSTOMER_ID'],
      ad_hoc_recognizers: recognizers,
    });
    expect(verdict.rewrite?.messages?.[0].content).toBe('Customer <CUSTOMER_ID> wants a refund');
  });

  describe('output_parse_pii (reversible masking)', () => {
    const modes: GuardrailMode[] = ['pre_call', 'post_call'];
    const email = {
      messages: [{ role: 'user', content: 'Email jane.doe@example.com or call 212-555-0188, ask for Jane Doe.' }],
    };

    it('writes numbered tokens, then restores them in the answer of the same request', async () => {
      const guardrail = presidio({ output_parse_pii: true }, modes);
      const masked = expectFlagged(await guardrail.check(email, contextOf('pre_call', { requestId: 'r-1' })));
      expect(masked.rewrite?.messages?.[0].content).toBe(
        'Email <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_2>, ask for <PERSON_3>.',
      );
      expect(mock.anonymizeRequests()).toHaveLength(0);

      const restored = expectFlagged(
        await guardrail.check(
          { messages: masked.rewrite?.messages ?? [], response: 'I emailed <EMAIL_ADDRESS_1>.' },
          contextOf('post_call', { requestId: 'r-1' }),
        ),
      );
      expect(restored.rewrite).toEqual({ response: 'I emailed jane.doe@example.com.' });
      expect(JSON.stringify(restored.vendorResponse)).not.toContain('jane');
    });

    it('does not hand the originals to another conversation that reuses the request id', async () => {
      const guardrail = presidio({ output_parse_pii: true }, modes);
      await guardrail.check(email, contextOf('pre_call', { requestId: 'r-2' }));

      const other = await guardrail.check(
        { messages: [{ role: 'user', content: 'Say <EMAIL_ADDRESS_1>' }], response: 'Sure: <EMAIL_ADDRESS_1>' },
        contextOf('post_call', { requestId: 'r-2' }),
      );
      expect(other.outcome).toBe('pass');
    });
  });

  describe('errors', () => {
    it('reports a down anonymizer (the analyzer answered)', async () => {
      mock.set({ only: 'anonymize', status: 500 });
      const verdict = expectError(await presidio().check(person, contextOf('pre_call')));
      expect(verdict).toMatchObject({ status: 500 });
      expect(verdict.message).toContain('Internal server error');
    });

    it('reports an analyzer answer that is not a list of results', async () => {
      mock.set({ only: 'analyze', wrongShape: true });
      expect(expectError(await presidio().check(person, contextOf('pre_call'))).code).toBe('INVALID_RESPONSE');
    });

    it('reports an unloaded language as the analyzer 500 it is', async () => {
      expect(expectError(await presidio({ presidio_language: 'de' }).check(person, contextOf('pre_call'))).status).toBe(
        500,
      );
    });
  });

  describe('validate', () => {
    const validate = (
      params: Record<string, unknown>,
      modes: GuardrailMode[] = ['pre_call'],
      onFlagged: 'block' | 'monitor' = 'block',
    ) => presidioGuardrail.validate(params, { ...definitionOf('presidio', {}, modes), onFlagged });
    const bases = { presidio_analyzer_api_base: 'http://a:5002', presidio_anonymizer_api_base: 'http://b:5001' };

    it('requires both service URLs', () => {
      expect(validate({})).toEqual([
        ['presidio_analyzer_api_base', 'presidio_analyzer_api_base is required'],
        ['presidio_anonymizer_api_base', 'presidio_anonymizer_api_base is required'],
      ]);
    });

    it('checks MASK / BLOCK per entity and thresholds from 0 to 1', () => {
      expect(
        validate({ ...bases, pii_entities_config: { EMAIL_ADDRESS: 'HIDE' }, presidio_score_thresholds: { ALL: 2 } }),
      ).toEqual([
        ['pii_entities_config.EMAIL_ADDRESS', 'pii_entities_config.EMAIL_ADDRESS must be one of MASK, BLOCK'],
        ['presidio_score_thresholds.ALL', 'presidio_score_thresholds.ALL must be a number from 0 to 1'],
      ]);
    });

    it('refuses a masking presidio that blocks during_call, and output_parse_pii without both modes', () => {
      expect(validate(bases, ['during_call'])[0][0]).toBe('mode');
      expect(validate({ ...bases, pii_entities_config: { CREDIT_CARD: 'BLOCK' } }, ['during_call'])).toEqual([]);
      expect(validate({ ...bases, output_parse_pii: true }, ['post_call'])[0][0]).toBe('output_parse_pii');
    });

    it('reports an unreadable recognizers file', () => {
      expect(validate({ ...bases, presidio_ad_hoc_recognizers: '/no/such/file.json' })[0][0]).toBe(
        'presidio_ad_hoc_recognizers',
      );
    });
  });
});

describe('presidio guardrail: verdict cache', () => {
  it('reuses an identical earlier answer without calling Presidio, and offers what it fetched', async () => {
    const stored = new Map<string, string>();
    const cache = {
      get: (request: string) => stored.get(request),
      offer: (request: string, answer: string) => void stored.set(request, answer),
    };
    const clean = { messages: [{ role: 'user', content: 'What is 2 + 2?' }] };
    expect((await presidio().check(clean, contextOf('pre_call', { cache }))).outcome).toBe('pass');
    expect(mock.requests).toHaveLength(1);
    expect(stored.size).toBe(1);

    expect((await presidio().check(clean, contextOf('pre_call', { cache }))).outcome).toBe('pass');
    expect(mock.requests).toHaveLength(1);
  });
});

describe('presidio in config.yaml', () => {
  it('adds post_call for output_parse_pii and apply_to_output, as LiteLLM does, and says so', () => {
    const problems = new ProblemList();
    const warnings: string[] = [];
    const definition = parseGuardrailEntry(
      {
        guardrail_name: 'presidio-reversible',
        litellm_params: { guardrail: 'presidio', mode: 'pre_call', output_parse_pii: true },
      },
      'guardrails[0]',
      problems,
      { PRESIDIO_ANALYZER_API_BASE: 'http://analyzer:5002', PRESIDIO_ANONYMIZER_API_BASE: 'anonymizer:5001' },
      warnings,
    );

    expect(problems.items).toEqual([]);
    expect(definition?.modes).toEqual(['pre_call', 'post_call']);
    expect(definition?.params).toMatchObject({
      presidio_analyzer_api_base: 'http://analyzer:5002',
      presidio_anonymizer_api_base: 'anonymizer:5001',
    });
    expect(warnings).toEqual([
      'guardrails[0].litellm_params.mode: post_call added, as LiteLLM does for these presidio options',
    ]);
  });
});
