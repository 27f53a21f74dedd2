import { TriggerAutomaton } from './injection-automaton';

/**
 * Where the triggers occur in one text, per trigger id: how often, and a linked list of the start offsets.
 * Only valid until the next `TriggerIndex.scan`, which reuses the arrays.
 */
export interface TriggerHits {
  readonly counts: Uint32Array;
  /** Per trigger id, its last occurrence (1-based), 0 for none; `next` links to the one before, down to 0. */
  readonly last: Int32Array;
  readonly next: Int32Array;
  readonly start: Int32Array;
}

// Cyrillic, CJK, Hangul, emoji.
const BEYOND_LATIN = /[\u0400-\uFFFF]/;
const isLatin = (trigger: string): boolean => !BEYOND_LATIN.test(trigger);
const hex = (unit: number): string => `\\u${unit.toString(16).padStart(4, '0')}`;

/** A character class of the given code units (ascending), in ranges. */
function unitClass(units: readonly number[]): RegExp {
  let source = '';
  for (let index = 0; index < units.length; index++) {
    const first = units[index];
    while (index + 1 < units.length && units[index + 1] === units[index] + 1) {
      index++;
    }
    source += units[index] === first ? hex(first) : `${hex(first)}-${hex(units[index])}`;
  }
  return new RegExp(`[${source}]`);
}

/**
 * Finds, in one pass and without regular expressions, every occurrence of every trigger in a text, ignoring case
 * (see TriggerAutomaton). Triggers in other scripts than Latin have their own automaton, so that the common one has
 * few columns and stays small; it only runs from the first character one of them can start with.
 */
export class TriggerIndex {
  readonly triggers: readonly string[];
  private readonly idOf: ReadonlyMap<string, number>;
  private readonly lengths: Int32Array;
  private readonly latin: TriggerAutomaton;
  private readonly beyondLatin: TriggerAutomaton;
  /** Any code unit a non-Latin trigger can start with. */
  readonly beyondLatinStart: RegExp;
  private readonly hits: {
    counts: Uint32Array;
    last: Int32Array;
    next: Int32Array;
    start: Int32Array;
  };
  private occurrences = 0;

  constructor(triggers: Iterable<string>) {
    this.triggers = [...new Set(triggers)];
    this.idOf = new Map(this.triggers.map((trigger, id) => [trigger, id]));
    this.lengths = Int32Array.from(this.triggers, (trigger) => trigger.length);
    const withIds = this.triggers.map((trigger, id) => [id, trigger] as const);
    this.latin = new TriggerAutomaton(withIds.filter(([, trigger]) => isLatin(trigger)));
    this.beyondLatin = new TriggerAutomaton(withIds.filter(([, trigger]) => !isLatin(trigger)));
    const firstColumns = new Set(
      this.triggers
        .filter((trigger) => !isLatin(trigger))
        .map((trigger) => this.beyondLatin.column(trigger.charCodeAt(0))),
    );
    const firstUnits: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (firstColumns.has(this.beyondLatin.column(unit))) {
        firstUnits.push(unit);
      }
    }
    this.beyondLatinStart = unitClass(firstUnits);
    this.hits = {
      counts: new Uint32Array(this.triggers.length),
      last: new Int32Array(this.triggers.length),
      next: new Int32Array(256),
      start: new Int32Array(256),
    };
  }

  /** The id of a trigger, to read `TriggerHits`; throws for a string that is not a trigger. */
  id(trigger: string): number {
    const id = this.idOf.get(trigger);
    if (id === undefined) {
      throw new Error(`"${trigger}" is not an injection trigger`);
    }
    return id;
  }

  scan(text: string): TriggerHits {
    this.hits.counts.fill(0);
    this.hits.last.fill(0);
    this.occurrences = 0;
    this.latin.scan(text, 0, this.record);
    const from = text.search(this.beyondLatinStart);
    if (from !== -1) {
      this.beyondLatin.scan(text, from, this.record);
    }
    return this.hits;
  }

  private readonly record = (id: number, end: number): void => {
    const hits = this.hits;
    hits.counts[id]++;
    const occurrence = ++this.occurrences;
    if (occurrence === hits.next.length) {
      hits.next = grow(hits.next);
      hits.start = grow(hits.start);
    }
    hits.next[occurrence] = hits.last[id];
    hits.start[occurrence] = end - this.lengths[id];
    hits.last[id] = occurrence;
  };
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
