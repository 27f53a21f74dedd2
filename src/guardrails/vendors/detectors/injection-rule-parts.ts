/**
 * One kind of evidence that a prompt tries to take over the model. Weights add up; a prompt is flagged when the
 * total reaches 1 (see prompt-injection.detector.ts). A weight of 1 or more means the signal alone is enough; the
 * others only count together, which is what keeps single trigger words ("ignore this warning", "jailbreak a
 * phone", "pretend to be a tour guide") from being flagged.
 */
export interface InjectionSignal {
  id: string;
  weight: number;
  pattern: RegExp;
  /** The signal fires only when the (global) pattern matches at least this many times. */
  minMatches?: number;
  /**
   * Lower-case strings matches start with, case aside: wherever the pattern matches, a match starts with one of them
   * (with `minMatches`, every match does). The pattern is only tried at their occurrences, and only when they occur
   * (that often): a benign 2 KB prompt then runs almost no pattern. Optional leading words can be left out ("an evil
   * AI": "evil "), as a match also starts after them; prefer specific phrases ("you will act as") to common words.
   */
  triggers: readonly string[];
  /** Lower-case strings of which every match contains one: a cheap reason to skip the pattern. */
  alsoTriggers?: readonly string[];
}

/** Every concatenation of one choice from each part: `cross(['it ', 'he '], ['will', 'must'])` gives 4 triggers. */
export function cross(...parts: ReadonlyArray<string | readonly string[]>): string[] {
  return parts.reduce<string[]>(
    (heads, part) => heads.flatMap((head) => (typeof part === 'string' ? [part] : part).map((tail) => head + tail)),
    [''],
  );
}

export const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;
export const rx = (source: string): RegExp => new RegExp(source, 'iu');
export const rxAll = (source: string): RegExp => new RegExp(source, 'giu');
// Word boundaries that also work next to non-ASCII letters.
export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';
// A short gap of a few words inside one clause.
export const gap = (maxChars: number): string => `[^.!?\\n]{0,${maxChars}}`;

export const IGNORE_VERB_WORDS = [
  'ignore',
  'ignoring',
  'disregard',
  'disregarding',
  'forget',
  'forgetting',
  'override',
  'overwrite',
  'bypass',
  'discard',
  'abandon',
  'drop',
  'skip',
  'set aside',
  'pay no attention to',
  'do not follow',
  "don't follow",
  'stop following',
];
export const IGNORE_VERBS = alt(IGNORE_VERB_WORDS);
export const EARLIER = alt([
  'previous',
  'prior',
  'above',
  'earlier',
  'preceding',
  'foregoing',
  'former',
  'initial',
  'original',
  'old',
  'existing',
  'default',
  'system',
  'pre-?programmed',
  'built-?in',
  'current',
]);
/** Lower-case substrings of which every match of INSTRUCTION_NOUNS contains one. */
export const INSTRUCTION_NOUN_STEMS = [
  'instruction',
  'prompt',
  'rules',
  'directive',
  'guidelines',
  'command',
  'programming',
  'training',
  'message',
  'context',
  'restrictions',
  'constraints',
  'policies',
  'conversation',
  'directions',
  'orders',
  'settings',
  'filters',
  'content polic',
  'safeguards',
  'guardrails',
  'limitations',
];
export const INSTRUCTION_NOUNS = alt([
  'instructions?',
  'prompts?',
  'rules',
  'directives?',
  'guidelines',
  'commands?',
  'programming',
  'training',
  'messages?',
  'context',
  'restrictions',
  'constraints',
  'policies',
  'conversation',
  'directions',
  'orders',
  'settings',
  'filters',
  'content polic(?:y|ies)',
  'safeguards',
  'guardrails',
  'limitations',
]);
export const LIMIT_NOUNS = alt([
  'rules?',
  'restrictions?',
  'filters?',
  'filtering',
  'limits',
  'limitations?',
  'guidelines',
  'morals?',
  'morality',
  'ethics',
  'ethical (?:guidelines|standards|principles|constraints|boundaries)',
  'moral (?:guidelines|standards|principles|constraints|compass|boundaries)',
  'censorship',
  'censors?',
  'boundaries',
  'polic(?:y|ies)',
  'constraints',
  'principles',
  'safeguards',
  'guardrails',
  'laws',
  'regulations',
  'programming',
  'content polic(?:y|ies)',
  'confines',
  'shackles',
  'chains',
  'inhibitions',
  'barriers',
  'norms',
  'political correctness',
  'decency',
]);
// Second-person statements that define or constrain the model ("you are ...", "you will always ...", "never say ...").
// Ordinary task prompts have a few; persona jailbreaks are made of them.
export const SECOND_PERSON_RULE = `${B}(?:you (?:are|were|have|can|cannot|can't|will|won't|must|should|shall|love|like|hate|know|believe|need to|have to|do not|don't|never|always|only)|you're|(?:always|never|only|do not|don't) (?:respond|answer|reply|say|use|include|write|mention|add|explain|break|refuse|remind|provide|talk|speak|act)|your (?:responses?|answers?|replies|reply|outputs?|messages|name|personality|goal|purpose|job|role))${E}`;
export const SECOND_PERSON_RULE_STARTS = [
  ...cross('you ', [
    'are',
    'were',
    'have',
    'can',
    'will',
    "won't",
    'must',
    'should',
    'shall',
    'love',
    'like',
    'hate',
    'know',
    'believe',
    'need to',
    'do not',
    "don't",
    'never',
    'always',
    'only',
  ]),
  "you're",
  ...cross(['always', 'never', 'only', 'do not', "don't"], ' ', [
    'respond',
    'answer',
    'reply',
    'say',
    'use',
    'include',
    'write',
    'mention',
    'add',
    'explain',
    'break',
    'refuse',
    'remind',
    'provide',
    'talk',
    'speak',
    'act',
  ]),
  ...cross('your ', [
    'response',
    'answer',
    'replies',
    'reply',
    'output',
    'messages',
    'name',
    'personality',
    'goal',
    'purpose',
    'job',
    'role',
  ]),
];
export const MODE_NAME = '\\p{L}[\\p{L}\\p{N}_-]{0,30}';
