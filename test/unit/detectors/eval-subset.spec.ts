import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { missingDataFiles, missingDataMessage, SUBSET_DATA_DIR } from '../../../eval/data-dir';
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

// The subset kept in the repository (test/fixtures/eval-subset: every 5th row of each file), so this runs from a clone
// that stands alone and gives the same numbers every time. On 139 jailbreaks one row is 0.7 points of recall, so the
// 0.90 recall target is checked on the full data by `npm run eval:detectors`; here the count detected on this subset
// is pinned instead, and any lost detection fails the build. The other targets hold on the subset as they are.
const INJECTION_RECALL = 'prompt_injection TPR, pooled jailbreaks';
/** Jailbreaks of the subset detected when it was written (0.878; the full data gives 0.903). */
const DETECTED_JAILBREAKS = 122;

describe('detector evaluation on the subset kept in the repository', () => {
  const injectionData = loadInjectionDatasets(SUBSET_DATA_DIR);
  const injection = evaluateInjection(injectionData, (text) => detectPromptInjection(text));
  const piiData = loadPiiDatasets(SUBSET_DATA_DIR);
  const pii = piiData.map(({ rows }) => evaluatePii(rows, (text) => detectPii(text)));
  const secrets = evaluateSecrets(buildSecretCases(), detectSecrets);
  const targets = checkTargets(injection, combinePiiCounts(pii), secrets);

  it('holds every file the evaluation reads, with its licence notes', () => {
    expect(missingDataFiles(SUBSET_DATA_DIR)).toEqual([]);
    const notes = readFileSync(path.join(SUBSET_DATA_DIR, 'README.md'), 'utf8');
    for (const licence of [
      'InjecGuard-MIT.txt',
      'garak-Apache-2.0.txt',
      'presidio-research-MIT.txt',
      'noren-MIT.txt',
    ]) {
      expect(notes).toContain(licence);
      expect(readFileSync(path.join(SUBSET_DATA_DIR, 'LICENSES', licence), 'utf8').length).toBeGreaterThan(100);
    }
  });

  it('reads every row of the subset', () => {
    expect(injection.pooled.total).toBe(139);
    expect(injection.notInject.total).toBe(68);
    expect(injection.selfInstruct.total).toBe(86);
    expect(piiData.map(({ rows }) => rows.length)).toEqual([279, 4]);
  });

  it(`detects at least ${DETECTED_JAILBREAKS} of the 139 jailbreaks`, () => {
    expect(injection.pooled.flagged).toBeGreaterThanOrEqual(DETECTED_JAILBREAKS);
  });

  it.each(targets.filter((check) => check.name !== INJECTION_RECALL).map((check) => [check.name, check] as const))(
    'meets the target: %s',
    (_name, check) => {
      expect({ value: check.value, met: check.met }).toEqual({ value: check.value, met: true });
    },
  );

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

describe('npm run eval:detectors without the full data', () => {
  it('says where the data comes from and how to point at it', () => {
    const dir = path.join(SUBSET_DATA_DIR, 'no-such-dir');
    const message = missingDataMessage(dir, missingDataFiles(dir));
    expect(message).toContain(`not in ${dir}`);
    expect(message).toContain('prompt-injection/jailbreak-templates.jsonl');
    expect(message).toContain('../shared/data');
    expect(message).toContain('--data DIR');
    expect(message).toContain('WARDEN_EVAL_DATA_DIR');
  });
});
