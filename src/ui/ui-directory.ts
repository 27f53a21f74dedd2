import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the build puts the admin UI: `<package root>/dist/ui`. The package root is the first folder above this file
 * holding a package.json, so the path is the same whether this file runs compiled (dist/src/ui) or from source (tests).
 */
export function uiDirectory(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) {
      return join(start, 'ui');
    }
    folder = parent;
  }
  return join(folder, 'dist', 'ui');
}
