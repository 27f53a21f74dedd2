import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DATA_DIR, missingDataFiles, missingDataMessage, SUBSET_DATA_DIR, SUBSET_EVERY } from './data-dir';
import { INJECTION_FILES, PII_FILES, sampleEvery } from './load-datasets';
import { readJsonl } from './jsonl';

/**
 * `npm run eval:subset [-- --data DIR]`: writes the subset `npm test` evaluates (test/fixtures/eval-subset) from the
 * full data: every 5th row of each file, in order. The templates file keeps only the rows that are not also in the
 * in-the-wild file before sampling, as the evaluation pools them, so the subset gives exactly the numbers of
 * `loadInjectionDatasets(full, 5)`.
 */
function main(): number {
  const at = process.argv.indexOf('--data');
  const dataDir = at >= 0 ? path.resolve(process.argv[at + 1] ?? '') : DEFAULT_DATA_DIR;
  const missing = missingDataFiles(dataDir);
  if (missing.length > 0) {
    console.error(missingDataMessage(dataDir, missing));
    return 2;
  }
  const files = [...Object.values(INJECTION_FILES), ...PII_FILES];
  for (const file of files) {
    let rows = readJsonl<Record<string, unknown>>(path.join(dataDir, file));
    if (file === INJECTION_FILES.templates) {
      rows = rows.filter((row) => row.also_in_inthewild === false);
    }
    const kept = sampleEvery(rows, SUBSET_EVERY);
    const out = path.join(SUBSET_DATA_DIR, file);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, kept.map((row) => `${JSON.stringify(row)}\n`).join(''));
    console.log(`${file}: ${kept.length} of ${rows.length} rows`);
  }
  return 0;
}

process.exitCode = main();
