import * as path from 'node:path';

/** The shared evaluation data lives beside the project checkout: `<project>/../shared/data`. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../shared/data');
