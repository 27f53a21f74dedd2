/**
 * Whether `value` is nested deeper than `maxDepth` levels of objects and arrays. Walks iteratively, so it is safe on
 * input that would overflow the stack of a recursive walker (class-transformer, validators, JSON.stringify).
 */
export function isNestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    if (depth >= maxDepth) {
      return true;
    }
    for (const child of Object.values(item)) {
      pending.push([child, depth + 1]);
    }
  }
  return false;
}
