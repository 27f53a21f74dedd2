/**
 * A fixed split of the injection datasets by a hash of each row's text: one row in three is held out. Rules were
 * written looking only at misses and false alarms from the development part; the held-out part shows how well they
 * generalize. The split does not depend on row order, so it survives re-sorting or appending rows.
 */
export function isHeldOut(text: string): boolean {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 3 === 0;
}
