import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { INJECTION_FILES, PII_FILES } from './load-datasets';

/**
 * The full evaluation data lives beside the project checkout: `<project>/../shared/data`, read in place.
 * `WARDEN_EVAL_DATA_DIR` points elsewhere (the CLI's `--data DIR` wins over both).
 */
export const DEFAULT_DATA_DIR = process.env.WARDEN_EVAL_DATA_DIR ?? path.resolve(__dirname, '../../shared/data');

/**
 * The small deterministic subset kept in the repository (every `SUBSET_EVERY`-th row of each file, written by
 * `npm run eval:subset`), so `npm test` runs from a clone that stands alone. Licences: its README.md.
 */
export const SUBSET_DATA_DIR = path.resolve(__dirname, '../test/fixtures/eval-subset');
export const SUBSET_EVERY = 5;

/** Every file the evaluation reads, relative to the data directory. */
export const DATA_FILES: readonly string[] = [...Object.values(INJECTION_FILES), ...PII_FILES];

/** The data files missing from `dir` (all of them when the directory itself is missing). */
export function missingDataFiles(dir: string): string[] {
  return DATA_FILES.filter((file) => !existsSync(path.join(dir, file)));
}

/** What to tell someone whose data directory lacks the files: where they come from and how to point at them. */
export function missingDataMessage(dir: string, missing: readonly string[]): string {
  return [
    `The detector evaluation data is not in ${dir} (missing: ${missing.join(', ')}).`,
    'It is the public data set of the shared workspace (../shared/data beside the clone: NotInject, jailbreaks in',
    'the wild, llm-guard templates, self-instruct, presidio-research synth, noren; sources and licences in its',
    'README.md), normalized to JSON Lines. Point at a copy with --data DIR or WARDEN_EVAL_DATA_DIR=DIR.',
    `npm test does not need it: it evaluates the subset kept in ${path.relative(process.cwd(), SUBSET_DATA_DIR) || SUBSET_DATA_DIR}.`,
  ].join('\n');
}
