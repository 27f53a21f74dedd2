import { bannedKeywordsGuardrail } from '../../../src/guardrails/vendors/banned-keywords.guardrail';
import { contextOf, definitionOf, unusedHttp, userSays } from './builtin-fixtures';

const create = (params: Record<string, unknown>) =>
  bannedKeywordsGuardrail.create(definitionOf('banned_keywords', params), unusedHttp);
const validate = (params: Record<string, unknown>) =>
  bannedKeywordsGuardrail.validate(params, definitionOf('banned_keywords'));

describe('bannedKeywordsGuardrail', () => {
  it('answers under the banned_keywords_response key', () => {
    expect(create({ keywords: ['x'] }).responseKey).toBe('banned_keywords_response');
  });

  it('blocks by default, reporting which config entry matched but not the text', async () => {
    const verdict = await create({ keywords: ['falcon'], patterns: ['ticket-\\d{4}'] }).check(
      userSays('About Falcon and TICKET-1234'),
      contextOf(),
    );
    expect(verdict).toEqual({
      outcome: 'flagged',
      findings: [
        { detector: 'banned_keywords', type: 'BANNED_KEYWORD', count: 1, ruleId: 'keyword:0' },
        { detector: 'banned_keywords', type: 'BANNED_PATTERN', count: 1, ruleId: 'pattern:0' },
      ],
      vendorResponse: {
        flagged: true,
        detections: [
          { type: 'BANNED_KEYWORD', count: 1, rule_id: 'keyword:0' },
          { type: 'BANNED_PATTERN', count: 1, rule_id: 'pattern:0' },
        ],
      },
      flaggedIn: 'input',
    });
  });

  it('masks with action: mask', async () => {
    const verdict = await create({ keywords: ['falcon'], action: 'mask' }).check(
      userSays('Project Falcon ships'),
      contextOf(),
    );
    expect(verdict.outcome === 'flagged' && verdict.rewrite).toEqual({
      messages: [{ role: 'user', content: 'Project [MASKED BANNED_KEYWORD] ships' }],
    });
  });

  it('passes text without banned words', async () => {
    await expect(create({ keywords: ['falcon'] }).check(userSays('falconry is fun'), contextOf())).resolves.toEqual(
      expect.objectContaining({ outcome: 'pass' }),
    );
  });

  it('answers with an error verdict instead of throwing when a pattern does not compile', async () => {
    await expect(create({ patterns: ['('] }).check(userSays('x'), contextOf())).resolves.toEqual(
      expect.objectContaining({ outcome: 'error', code: 'invalid_config' }),
    );
  });

  describe('validate', () => {
    it('accepts keywords and safe patterns', () => {
      expect(validate({ keywords: ['falcon'], patterns: ['ticket-\\d{4}'], action: 'mask' })).toEqual([]);
    });

    it('requires something to look for', () => {
      expect(validate({}).map(([key]) => key)).toEqual(['keywords']);
      expect(validate({ keywords: [' '] }).map(([key]) => key)).toEqual(['keywords']);
    });

    it('reports wrong types and bad actions', () => {
      expect(validate({ keywords: 'falcon' }).map(([key]) => key)).toEqual(['keywords']);
      expect(validate({ patterns: [1] }).map(([key]) => key)).toEqual(['patterns']);
      expect(validate({ keywords: ['x'], action: 'warn' }).map(([key]) => key)).toEqual(['action']);
    });

    it('reports patterns that do not compile', () => {
      expect(validate({ patterns: ['('] })).toEqual([['patterns[0]', expect.stringContaining('does not compile')]]);
    });

    it('reports patterns vulnerable to catastrophic backtracking', () => {
      expect(validate({ patterns: ['(a+)+$'] })).toEqual([['patterns[0]', expect.stringContaining('ReDoS')]]);
    }, 30_000);
  });
});
