import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's chromium, installed with apt when it is missing (CI machines start without it; Playwright's own browser
 * download cannot work here). Quiet unless it fails; then the error says what to do.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) {
    return CHROMIUM;
  }
  let result = aptGet('install', '-y', '-q', 'chromium');
  if (result.status !== 0) {
    aptGet('update', '-q');
    result = aptGet('install', '-y', '-q', 'chromium');
  }
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    const output = `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim().split('\n').slice(-8);
    throw new Error(
      `The admin UI tests need Debian's chromium at ${CHROMIUM}, and \`apt-get install -y chromium\` failed ` +
        `(exit ${String(result.status)}). Install it (as root: apt-get update && apt-get install -y chromium) and ` +
        `run the tests again.\n${output.join('\n')}`,
    );
  }
  return CHROMIUM;
}

function aptGet(...args: string[]): ReturnType<typeof spawnSync> & { stderr: string | null } {
  return spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 15 * 60_000,
  });
}
