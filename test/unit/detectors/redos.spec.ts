import { checkSync } from 'recheck';
import { DETECTOR_PATTERNS } from '../../../src/guardrails/vendors/detectors/detector-patterns';
import { detectPii } from '../../../src/guardrails/vendors/detectors/pii.detector';
import { detectPromptInjection } from '../../../src/guardrails/vendors/detectors/prompt-injection.detector';
import { detectSecrets } from '../../../src/guardrails/vendors/detectors/secrets.detector';

const SIZE = 100_000;
const repeatTo = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

// Repetitions of the prefixes, separators and keywords the patterns are built from, each with a failing tail.
const ADVERSARIAL_INPUTS: ReadonlyArray<[string, string]> = [
  ['letters', repeatTo('a')],
  ['digits', repeatTo('1')],
  ['spaced digits', repeatTo('1 ')],
  ['dashed digits', repeatTo('12-')],
  ['dotted digits', repeatTo('1.')],
  ['at signs', repeatTo('a@')],
  ['dotted labels', `${repeatTo('ab.')}@`],
  ['colons', repeatTo('a:')],
  ['hex groups', repeatTo('ff:')],
  ['dashes', `${repeatTo('-')}n`],
  ['tabs', `${repeatTo('\t')}a`],
  ['whitespace', `${repeatTo(' ')}x`],
  ['key prefix', repeatTo('sk-')],
  ['jwt parts', repeatTo('eyJa.')],
  ['pem headers', repeatTo('-----BEGIN PRIVATE KEY-----\n')],
  ['bearer words', repeatTo('bearer ')],
  ['data uri', `data:image/png;base64,${repeatTo('A')}!`],
  ['ignore words', repeatTo('ignore all previous ')],
  ['persona words', repeatTo('you are now ')],
  ['ai words', `${repeatTo('evil ai ')}\n`],
  ['mode words', repeatTo('n\u0000')],
  ['cjk', `${repeatTo('一忘记所有的')}т`],
  ['html comment', `<!--${repeatTo('x ')}`],
  ['brackets', repeatTo('[insert ')],
];

describe('detector regular expressions', () => {
  it.each(DETECTOR_PATTERNS.map(({ name, pattern }) => [name, pattern] as const))(
    '%s is ReDoS-safe according to recheck',
    (_name, pattern) => {
      const diagnostics = checkSync(pattern.source, pattern.flags);
      expect(diagnostics.status).toBe('safe');
    },
    60_000,
  );

  it('has unique names so a failure says which pattern it is', () => {
    const names = DETECTOR_PATTERNS.map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('detectors on 100 KB adversarial inputs', () => {
  it('all finish quickly', () => {
    const started = performance.now();
    for (const [, input] of ADVERSARIAL_INPUTS) {
      detectPii(input);
      detectSecrets(input);
      detectPromptInjection(input);
    }
    // Generous (about 0.5 s here): a catastrophic pattern would take minutes on these inputs.
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 60_000);
});
