import { compileBannedKeywords } from '../../src/guardrails/vendors/detectors/banned-keywords.detector';
import { detectPii } from '../../src/guardrails/vendors/detectors/pii.detector';
import { detectPromptInjection } from '../../src/guardrails/vendors/detectors/prompt-injection.detector';
import { detectSecrets } from '../../src/guardrails/vendors/detectors/secrets.detector';
import type { DetectorTiming } from '../report/results';
import { CLEAN_PROMPT, PROMPT_WITH_FINDINGS } from '../support/payloads';
import { summarize } from '../support/stats';
import type { BenchOptions } from '../support/options';

/** A keyword list of the size a security team would configure. */
const BANNED = compileBannedKeywords({
  keywords: [
    'project falcon',
    'project osprey',
    'codename bluebird',
    'internal only',
    'do not distribute',
    'acquisition target',
    'layoff list',
    'salary bands',
    'board minutes',
    'merger',
  ],
  patterns: ['\\bQ[1-4]-forecast-\\d{4}\\b', '\\bINC-\\d{6}\\b'],
});

const DETECTORS: ReadonlyArray<[string, (text: string) => unknown]> = [
  ['pii', (text) => detectPii(text)],
  ['secrets', (text) => detectSecrets(text)],
  ['prompt_injection', (text) => detectPromptInjection(text)],
  ['banned_keywords', (text) => BANNED.detect(text)],
];

const PROMPTS: ReadonlyArray<[string, string]> = [
  ['clean 2 KB', CLEAN_PROMPT],
  ['2 KB with PII + secret', PROMPT_WITH_FINDINGS],
];

/** Keeps results reachable so the calls cannot be optimized away. */
let sink = 0;

function timeCalls(detect: (text: string) => unknown, text: string, iterations: number): number[] {
  for (let i = 0; i < Math.min(500, iterations); i += 1) {
    sink += JSON.stringify(detect(text)).length;
  }
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = process.hrtime.bigint();
    const result = detect(text);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    sink += result === undefined ? 0 : 1;
  }
  return times;
}

/** Scenario 8 (issue #8): per-call time of each built-in detector, in this process, with the machine otherwise idle. */
export function runDetectorTimings(options: BenchOptions, log: (line: string) => void): DetectorTiming[] {
  const timings: DetectorTiming[] = [];
  for (const [prompt, text] of PROMPTS) {
    for (const [detector, detect] of DETECTORS) {
      const stats = summarize(timeCalls(detect, text, options.detectorIterations));
      timings.push({ detector, prompt, chars: text.length, stats });
      log(`  ${detector} (${prompt}): median ${stats.p50.toFixed(4)} ms, p99 ${stats.p99.toFixed(4)} ms`);
    }
  }
  if (sink < 0) {
    log('unreachable');
  }
  return timings;
}
