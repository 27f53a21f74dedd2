import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isAtLeast, MIN_NODE_VERSION } from '../../../src/startup/node-version';

const ROOT = join(__dirname, '../../..');
const requireFromHere = createRequire(__filename);
/** semver is already in the tree (fastify depends on it); only this spec reads it. */
const semver = requireFromHere('semver') as { satisfies(version: string, range: string): boolean };

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('The Node.js version the README states', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };

  it('is the one package.json declares and the CLI checks', () => {
    expect(pkg.engines.node).toBe(`>=${MIN_NODE_VERSION}`);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const [major, minor] = MIN_NODE_VERSION.split('.');
    expect(readme).toContain(`Node.js ${major}.${minor}+`);
  });

  it('is supported by every package in the lockfile, so npm ci warns no EBADENGINE', () => {
    const unsupported = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .map(([path, entry]) => [path, Array.isArray(entry.engines) ? undefined : entry.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies(MIN_NODE_VERSION, range))
      .map(([path, range]) => `${path}: node ${range}`);
    expect(unsupported).toEqual([]);
  });
});

describe(isAtLeast.name, () => {
  it.each([
    ['20.19.0', true],
    ['v20.19.0', true],
    ['20.20.2', true],
    ['22.1.0', true],
    ['20.18.3', false],
    ['18.20.0', false],
  ])('%s -> %s', (version, expected) => {
    expect(isAtLeast(version)).toBe(expected);
  });
});
