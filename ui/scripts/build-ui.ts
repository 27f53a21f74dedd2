import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const UI_ROOT = resolve(__dirname, '..');
const DEFAULT_OUT_DIR = resolve(UI_ROOT, '..', 'dist', 'ui');

/** The files index.html names, by their source name; the build swaps in content-hashed names. */
interface BuiltNames {
  'app.js': string;
  'styles.css': string;
  'icon.svg': string;
}

/**
 * Builds the admin UI into `outDir` (default dist/ui): `index.html` and `assets/` holding the bundled script, the
 * stylesheet and the icon under content-hashed names, so the server can cache them for good.
 */
export async function buildUi(outDir: string = DEFAULT_OUT_DIR): Promise<void> {
  const assets = join(outDir, 'assets');
  await mkdir(assets, { recursive: true });
  const result = await build({
    entryPoints: { app: join(UI_ROOT, 'src', 'main.ts'), styles: join(UI_ROOT, 'src', 'styles.css') },
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const icon = await copyHashed(join(UI_ROOT, 'src', 'icon.svg'), assets);
  const names: BuiltNames = {
    'app.js': findOutput(outputs, 'app-', '.js'),
    'styles.css': findOutput(outputs, 'styles-', '.css'),
    'icon.svg': icon,
  };
  const template = await readFile(join(UI_ROOT, 'index.html'), 'utf8');
  await writeAtomically(join(outDir, 'index.html'), fillTemplate(template, names));
  await removeStale(assets, new Set([...outputs, icon]));
}

function findOutput(outputs: readonly string[], prefix: string, extension: string): string {
  const name = outputs.find((output) => output.startsWith(prefix) && extname(output) === extension);
  if (name === undefined) {
    throw new Error(`esbuild produced no ${prefix}*${extension}`);
  }
  return name;
}

async function copyHashed(source: string, folder: string): Promise<string> {
  const content = await readFile(source);
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 8).toUpperCase();
  const name = `${basename(source, extname(source))}-${hash}${extname(source)}`;
  await writeFile(join(folder, name), content);
  return name;
}

function fillTemplate(template: string, names: BuiltNames): string {
  return template.replace(/\{\{(app\.js|styles\.css|icon\.svg)\}\}/g, (_match, key: keyof BuiltNames) => names[key]);
}

/** Readers (a gateway starting up, another build) see the old page or the new one, never half of one. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

async function removeStale(folder: string, keep: ReadonlySet<string>): Promise<void> {
  const stale = (await readdir(folder)).filter((name) => !keep.has(name) && !keep.has(name.replace(/\.map$/, '')));
  await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
}

if (require.main === module) {
  buildUi(process.argv[2] === undefined ? undefined : resolve(process.argv[2])).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
