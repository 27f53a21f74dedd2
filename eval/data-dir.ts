import * as path from 'node:path';

/**
 * The shared evaluation data lives beside the project checkout: `<project>/../shared/data`, read in place.
 * `WARDEN_EVAL_DATA_DIR` points elsewhere (the CLI's `--data DIR` wins over both).
 */
export const DEFAULT_DATA_DIR = process.env.WARDEN_EVAL_DATA_DIR ?? path.resolve(__dirname, '../../shared/data');
