import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping, type SourceMapPayload } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(__dirname, '..', '..');
const maps = new Map<string, SourceMap | undefined>();

function mapFor(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    const path = `${file}.map`;
    maps.set(
      file,
      existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as SourceMapPayload) : undefined,
    );
  }
  return maps.get(file);
}

/**
 * `src/chat/chat.pipeline.ts:41` for a frame in dist/ (through the build's source map; profile positions are
 * zero-based), else the file relative to the repository.
 */
export function sourceLocation(url: string, line: number, column: number): string {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const entry: Partial<SourceMapping> | undefined = file.endsWith('.js')
    ? mapFor(file)?.findEntry(line, column)
    : undefined;
  if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
    const original = resolve(dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
    return `${relative(ROOT, original)}:${entry.originalLine + 1}`;
  }
  return `${relative(ROOT, file)}:${line + 1}`;
}
