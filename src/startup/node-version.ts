/**
 * The oldest Node.js Warden runs on, as package.json's `engines.node` says (`>=20.19.0`): 20.19 is the first 20.x
 * that loads the ESM-only dependencies some libraries now have, and every dependency in the lockfile supports it.
 */
export const MIN_NODE_VERSION = '20.19.0';

/** Whether `version` (`20.18.1`, `v22.3.0`) is at least `minimum`, compared as major.minor.patch numbers. */
export function isAtLeast(version: string, minimum: string = MIN_NODE_VERSION): boolean {
  const parts = (text: string): number[] => text.replace(/^v/, '').split('.').map(Number);
  const [have, need] = [parts(version), parts(minimum)];
  for (let index = 0; index < 3; index += 1) {
    const [a, b] = [have[index] ?? 0, need[index] ?? 0];
    if (a !== b) {
      return a > b;
    }
  }
  return true;
}
