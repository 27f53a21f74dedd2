import { existsSync } from 'node:fs';
import { DEFAULT_DATA_DIR } from '../../../eval/data-dir';
import { evaluateInjection } from '../../../eval/injection-eval';
import { loadInjectionDatasets, loadPiiDatasets } from '../../../eval/load-datasets';
import { evaluatePii } from '../../../eval/pii-eval';
import { buildSecretCases } from '../../../eval/secret-cases';
import { evaluateSecrets } from '../../../eval/secrets-eval';
import { checkTargets, combinePiiCounts } from '../../../eval/targets';
import { detectPii } from '../../../src/guardrails/vendors/detectors/pii.detector';
import {
  detectPromptInjection,
  firedInjectionSignals,
} from '../../../src/guardrails/vendors/detectors/prompt-injection.detector';
import { detectSecrets } from '../../../src/guardrails/vendors/detectors/secrets.detector';

// `npm run eval:detectors` in CI, so a detector regression fails the build. The whole data set runs (every row,
// about 3 s): on every 5th row alone the jailbreak recall swings by +-2.5 points around the 0.90 target, which would
// make the check fail or pass by sampling luck. The data sits beside the checkout (../shared/data), as in CI.
const EVERY = 1;

describe('detector evaluation targets on the shared datasets', () => {
  it('finds the shared evaluation data', () => {
    expect(existsSync(DEFAULT_DATA_DIR)).toBe(true);
  });

  const injectionData = loadInjectionDatasets(DEFAULT_DATA_DIR, EVERY);
  const injection = evaluateInjection(injectionData, (text) => detectPromptInjection(text));
  const pii = loadPiiDatasets(DEFAULT_DATA_DIR, EVERY).map(({ rows }) => evaluatePii(rows, (text) => detectPii(text)));
  const secrets = evaluateSecrets(buildSecretCases(), detectSecrets);
  const targets = checkTargets(injection, combinePiiCounts(pii), secrets);

  it('reads every row of the injection data', () => {
    expect(injection.pooled.total).toBe(691);
    expect(injection.notInject.total).toBe(339);
    expect(injection.selfInstruct.total).toBe(427);
  });

  it.each(targets.map((check) => [check.name, check] as const))('meets the target: %s', (_name, check) => {
    expect({ value: check.value, met: check.met }).toEqual({ value: check.value, met: true });
  });

  it('gives the same signals with and without the trigger prefilter', () => {
    const rows = [
      ...injectionData.attacks.flatMap(({ rows: attackRows }) => attackRows),
      ...injectionData.notInject,
      ...injectionData.selfInstruct,
    ];
    const mismatches = rows.filter(
      (row) =>
        firedInjectionSignals(row.text, true)
          .map((signal) => signal.id)
          .join() !==
        firedInjectionSignals(row.text, false)
          .map((signal) => signal.id)
          .join(),
    );
    expect(mismatches.map((row) => row.ref)).toEqual([]);
  });
});
