import { piiGuardrail } from '../../../src/guardrails/vendors/pii.guardrail';
import { contextOf, definitionOf, unusedHttp, userSays } from './builtin-fixtures';

const create = (params: Record<string, unknown> = {}) => piiGuardrail.create(definitionOf('pii', params), unusedHttp);
const validate = (params: Record<string, unknown>) => piiGuardrail.validate(params, definitionOf('pii'));

describe('piiGuardrail', () => {
  it('answers under the pii_response key', () => {
    expect(create().responseKey).toBe('pii_response');
  });

  it('passes text without covered entities', async () => {
    await expect(create().check(userSays('Hello there'), contextOf())).resolves.toEqual(
      expect.objectContaining({ outcome: 'pass' }),
    );
  });

  it('flags without a rewrite by default, reporting types and counts but never the values', async () => {
    const verdict = await create().check(userSays('mail jo@example.com or ann@example.org'), contextOf());
    expect(verdict).toEqual({
      outcome: 'flagged',
      findings: [{ detector: 'pii', type: 'EMAIL_ADDRESS', count: 2, ruleId: 'pii.email', score: 0.95 }],
      vendorResponse: {
        flagged: true,
        detections: [{ type: 'EMAIL_ADDRESS', count: 2, rule_id: 'pii.email', score: 0.95 }],
      },
      flaggedIn: 'input',
    });
    expect(JSON.stringify(verdict)).not.toContain('jo@example.com');
  });

  it('masks entities configured MASK and rewrites the messages', async () => {
    const guard = create({ pii_entities_config: { EMAIL_ADDRESS: 'MASK', CREDIT_CARD: 'BLOCK' } });
    const verdict = await guard.check(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'I am jo@example.com' },
        ],
      },
      contextOf(),
    );
    expect(verdict.outcome).toBe('flagged');
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'I am [MASKED EMAIL_ADDRESS]' },
      ],
    });
  });

  it('flags without a rewrite when a BLOCK entity is present, even next to MASK ones', async () => {
    const guard = create({ pii_entities_config: { EMAIL_ADDRESS: 'MASK', CREDIT_CARD: 'BLOCK' } });
    const verdict = await guard.check(userSays('jo@example.com pays with 4532015112830366'), contextOf());
    expect(verdict).toEqual(expect.objectContaining({ outcome: 'flagged' }));
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toBeUndefined();
  });

  it('looks only for the entities in pii_entities_config', async () => {
    const guard = create({ pii_entities_config: { CREDIT_CARD: 'BLOCK' } });
    await expect(guard.check(userSays('jo@example.com'), contextOf())).resolves.toEqual(
      expect.objectContaining({ outcome: 'pass' }),
    );
  });

  it('masks every entity with action: mask, in text parts and in the response', async () => {
    const guard = create({ action: 'mask' });
    const verdict = await guard.check(
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'call +44 20 7946 0958' },
              { type: 'image_url', image_url: { url: 'x' } },
            ],
          },
        ],
        response: 'Sure, write to help@example.com',
      },
      contextOf('post_call'),
    );
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'call [MASKED PHONE_NUMBER]' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
      response: 'Sure, write to [MASKED EMAIL_ADDRESS]',
    });
  });

  it('masks PII in assistant tool call arguments, where agents move data', async () => {
    const guard = create({ action: 'mask' });
    const call = { id: 't1', type: 'function', function: { name: 'send', arguments: '{"to":"jo@example.com"}' } };
    const verdict = await guard.check(
      { messages: [{ role: 'assistant', content: null, tool_calls: [call] }] },
      contextOf(),
    );
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toEqual({
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ ...call, function: { ...call.function, arguments: '{"to":"[MASKED EMAIL_ADDRESS]"}' } }],
        },
      ],
    });
  });

  it('blocks instead of masking when a span found in the joined text cannot be masked part by part', async () => {
    const guard = create({ action: 'mask' });
    const split = {
      role: 'user',
      content: [
        { type: 'text', text: 'Email me at jo@example.com or call' },
        { type: 'text', text: '415 555 2671' },
      ],
    };
    const joined = await guard.check(
      { messages: [{ role: 'user', content: split.content.map((p) => p.text).join('\n') }] },
      contextOf(),
    );
    expect(joined.outcome === 'flagged' && joined.findings.map((finding) => finding.type)).toEqual([
      'EMAIL_ADDRESS',
      'PHONE_NUMBER',
    ]);

    const verdict = await guard.check({ messages: [split] }, contextOf());

    expect(verdict.outcome).toBe('flagged');
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toBeUndefined();
  });

  it('restricts detection to the entities list', async () => {
    const guard = create({ entities: ['IP_ADDRESS'] });
    await expect(guard.check(userSays('jo@example.com'), contextOf())).resolves.toEqual(
      expect.objectContaining({ outcome: 'pass' }),
    );
  });

  it('refuses MASK during_call, where a mask can no longer reach the upstream', () => {
    const duringCall = { ...definitionOf('pii'), modes: ['pre_call' as const, 'during_call' as const] };
    expect(piiGuardrail.validate({ pii_entities_config: { EMAIL_ADDRESS: 'MASK' } }, duringCall)).toEqual([
      ['pii_entities_config', expect.stringContaining('cannot apply during_call')],
    ]);
    expect(piiGuardrail.validate({ action: 'mask' }, duringCall)).toEqual([
      ['action', expect.stringContaining('cannot apply during_call')],
    ]);
    expect(piiGuardrail.validate({ pii_entities_config: { EMAIL_ADDRESS: 'BLOCK' } }, duringCall)).toEqual([]);
    expect(piiGuardrail.validate({ action: 'mask' }, { ...duringCall, onFlagged: 'monitor' })).toEqual([]);
  });

  it('leaves allow-listed values alone', async () => {
    const guard = create({ allow_list: ['support@example.com', '/@internal\\.test$/'] });
    await expect(guard.check(userSays('support@example.com and bob@internal.test'), contextOf())).resolves.toEqual(
      expect.objectContaining({ outcome: 'pass' }),
    );
  });

  describe('validate', () => {
    it('accepts the documented params', () => {
      expect(
        validate({ pii_entities_config: { EMAIL_ADDRESS: 'MASK', US_SSN: 'block' }, allow_list: ['/x/i'] }),
      ).toEqual([]);
      expect(validate({ entities: ['PHONE_NUMBER'], action: 'mask' })).toEqual([]);
    });

    it('names unknown entities and lists the supported ones', () => {
      const problems = validate({ pii_entities_config: { PERSON: 'MASK' }, entities: ['EMAIL', 'IP_ADDRESS'] });
      expect(problems.map(([key]) => key)).toEqual(['pii_entities_config.PERSON', 'entities[0]']);
      expect(problems[0][1]).toContain('EMAIL_ADDRESS, PHONE_NUMBER');
    });

    it('reports wrong types, bad actions and invalid allow-list regexes', () => {
      expect(validate({ pii_entities_config: ['EMAIL_ADDRESS'] })[0][0]).toBe('pii_entities_config');
      expect(validate({ pii_entities_config: { EMAIL_ADDRESS: 'HIDE' } })[0][1]).toContain('MASK or BLOCK');
      expect(validate({ action: 'redact' })[0]).toEqual(['action', expect.stringContaining('mask, block')]);
      expect(validate({ allow_list: 'x' })[0][0]).toBe('allow_list');
      expect(validate({ allow_list: ['/(/'] })[0][0]).toBe('allow_list[0]');
    });
  });
});
