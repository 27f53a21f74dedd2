/** Okabe-Ito based palette size (chart.css `.series-0` to `.series-7`). */
export const PALETTE_SIZE = 8;

/**
 * A colour per guardrail that stays the same from one view to the next (filters, time ranges, reloads): the
 * configured guardrails take the palette in name order, then guardrails seen only in the log (deleted ones), also in
 * name order. It does not depend on which guardrails a chart happens to show or on their counts.
 */
export function seriesColours(configured: readonly string[], seenInLog: readonly string[]): Map<string, number> {
  const first = [...new Set(configured)].sort();
  const known = new Set(first);
  const then = [...new Set(seenInLog)].filter((name) => !known.has(name)).sort();
  return new Map([...first, ...then].map((name, index) => [name, index % PALETTE_SIZE]));
}

/** The CSS class of a guardrail's colour; a name the map lacks gets one from its letters. */
export function seriesClass(colours: ReadonlyMap<string, number>, name: string): string {
  return `series-${colours.get(name) ?? hashIndex(name)}`;
}

function hashIndex(name: string): number {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  }
  return hash % PALETTE_SIZE;
}
