import * as path from 'node:path';
import type { InjectionRow, PiiRow } from './dataset.types';
import type { InjectionDatasets, LabelledRow } from './injection-eval';
import { readJsonl } from './jsonl';

export const INJECTION_FILES = {
  inTheWild: 'prompt-injection/jailbreaks-in-the-wild.jsonl',
  templates: 'prompt-injection/jailbreak-templates.jsonl',
  notInject: 'prompt-injection/notinject.jsonl',
  selfInstruct: 'benign/self-instruct.jsonl',
} as const;

export const PII_FILES = ['pii/presidio-synth.jsonl', 'pii/noren-ground-truth.jsonl'] as const;

/** Keeps every `every`-th row (1 keeps all): the deterministic sample the CI spec runs. */
export function sampleEvery<T>(rows: readonly T[], every: number): T[] {
  return rows.filter((_row, index) => index % every === 0);
}

function labelled(dataDir: string, file: string): LabelledRow[] {
  return readJsonl<InjectionRow>(path.join(dataDir, file)).map((row, index) => ({
    ...row,
    ref: `${path.basename(file)}#${index + 1}`,
  }));
}

export function loadInjectionDatasets(dataDir: string, every = 1): InjectionDatasets {
  const templates = labelled(dataDir, INJECTION_FILES.templates).filter((row) => row.also_in_inthewild === false);
  return {
    attacks: [
      {
        file: path.basename(INJECTION_FILES.inTheWild),
        rows: sampleEvery(labelled(dataDir, INJECTION_FILES.inTheWild), every),
      },
      { file: `${path.basename(INJECTION_FILES.templates)} (not in the wild)`, rows: sampleEvery(templates, every) },
    ],
    notInject: sampleEvery(labelled(dataDir, INJECTION_FILES.notInject), every),
    selfInstruct: sampleEvery(labelled(dataDir, INJECTION_FILES.selfInstruct), every),
  };
}

export function loadPiiDatasets(dataDir: string, every = 1): Array<{ file: string; rows: PiiRow[] }> {
  return PII_FILES.map((file) => ({
    file: path.basename(file),
    rows: sampleEvery(readJsonl<PiiRow>(path.join(dataDir, file)), every),
  }));
}
