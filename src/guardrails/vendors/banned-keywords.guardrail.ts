import type * as Recheck from 'recheck';
import type { Guardrail, GuardrailDefinition, GuardInput, Verdict } from '../guardrail.types';
import { detectWithLocation, flaggedDetections, inspectSafely, nothingDetected } from './builtin-verdicts';
import { compileBannedKeywords, type BannedKeywordsMatcher } from './detectors/banned-keywords.detector';
import { checkEnum, isStringArray, readAction } from './detectors/builtin-params';
import { summarizeSpans, withMaskedInput } from './detectors/span-inspection';
import type { GuardrailFactory } from './vendor.contract';

const ACTIONS = ['block', 'mask'] as const;
type BannedKeywordsAction = (typeof ACTIONS)[number];

// Bounds the ReDoS analysis of one configured pattern; an analysis that runs out of time is not reported as unsafe.
const REDOS_CHECK_TIMEOUT_MS = 2_000;

// recheck is a 4 MB Scala.js bundle (~8 MB of heap, ~30 MB of RSS in a bare process): loaded with the first pattern.
let recheck: typeof Recheck | undefined;
function loadRecheck(): typeof Recheck {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  recheck ??= require('recheck') as typeof Recheck;
  return recheck;
}

function patternProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'giu');
  } catch (error) {
    return `does not compile as a regular expression with flags "iu": ${(error as Error).message}`;
  }
  const diagnostics = loadRecheck().checkSync(source, 'iu', { timeout: REDOS_CHECK_TIMEOUT_MS });
  if (diagnostics.status === 'vulnerable') {
    return `can backtrack catastrophically (${diagnostics.complexity.type} ReDoS, e.g. on ${JSON.stringify(diagnostics.attack.pattern)}); remove nested or overlapping quantifiers such as (a+)+ or (a|a)*`;
  }
  return undefined;
}

function validateBannedKeywordsParams(params: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const { keywords, patterns } = params;
  if (keywords !== undefined && !isStringArray(keywords)) {
    problems.push(['keywords', 'must be a list of words or phrases, e.g. ["project falcon", "internal-only"]']);
  }
  if (patterns !== undefined && !isStringArray(patterns)) {
    problems.push(['patterns', 'must be a list of regular expression sources, e.g. ["\\\\bticket-\\\\d{4}\\\\b"]']);
  }
  const keywordCount = isStringArray(keywords) ? keywords.filter((keyword) => keyword.trim() !== '').length : 0;
  const patternCount = isStringArray(patterns) ? patterns.length : 0;
  if (keywordCount + patternCount === 0 && problems.length === 0) {
    problems.push(['keywords', 'set keywords and/or patterns: this guardrail has nothing to look for']);
  }
  if (isStringArray(patterns)) {
    patterns.forEach((source, index) => {
      const problem = patternProblem(source);
      if (problem) {
        problems.push([`patterns[${index}]`, problem]);
      }
    });
  }
  const actionProblem = checkEnum(params.action, ACTIONS);
  if (actionProblem) {
    problems.push(['action', actionProblem]);
  }
  return problems;
}

class BannedKeywordsGuardrail implements Guardrail {
  readonly responseKey = 'banned_keywords_response';
  readonly inProcess = true;
  private readonly action: BannedKeywordsAction;
  private readonly matcher: BannedKeywordsMatcher | undefined;

  constructor(readonly definition: GuardrailDefinition) {
    const { keywords, patterns, action } = definition.params;
    this.action = readAction(action, ACTIONS, 'block');
    try {
      this.matcher = compileBannedKeywords({
        keywords: isStringArray(keywords) ? keywords : [],
        patterns: isStringArray(patterns) ? patterns : [],
      });
    } catch {
      // An invalid pattern is reported by validate(); check() then answers with an error verdict instead of throwing.
      this.matcher = undefined;
    }
  }

  check(input: GuardInput): Promise<Verdict> {
    const matcher = this.matcher;
    if (!matcher) {
      return Promise.resolve({
        outcome: 'error',
        message: 'banned_keywords has an invalid pattern; fix it in the guardrail config',
        code: 'invalid_config',
      });
    }
    return inspectSafely('banned_keywords', () => this.inspect(input, (text) => matcher.detect(text)));
  }

  private inspect(input: GuardInput, detect: BannedKeywordsMatcher['detect']): Verdict {
    const { spans, flaggedIn } = detectWithLocation(input, detect);
    if (spans.length === 0) {
      return nothingDetected();
    }
    const verdict = flaggedDetections('banned_keywords', summarizeSpans(spans), flaggedIn);
    return this.action === 'block' ? verdict : withMaskedInput(verdict, input, detect, 'MASKED');
  }
}

/**
 * Built-in banned keywords: `keywords` (whole words, case-insensitive) and/or `patterns` (regexes, checked for
 * ReDoS at validation), `action: block|mask` (default block).
 */
export const bannedKeywordsGuardrail: GuardrailFactory = {
  validate: (params) => validateBannedKeywordsParams(params),
  create: (definition) => new BannedKeywordsGuardrail(definition),
};
