/** Receives each trigger occurrence an automaton finds: the trigger's id and the offset just past its end. */
export type OccurrenceSink = (id: number, end: number) => void;

/**
 * An Aho-Corasick automaton over some triggers, compiled to a dense transition table over the UTF-16 code units that
 * occur in them, so one pass finds every occurrence (overlapping ones included) at a cost per character that does
 * not depend on how many triggers there are. Case is ignored: a code unit counts as a trigger character when its
 * lower case is that character or both have the same upper case ("K" for "k", "ſ" for "s"), a superset of what a
 * case-insensitive regular expression matches.
 */
export class TriggerAutomaton {
  /** Code unit to column; 0 is every code unit that occurs in no trigger. */
  private readonly columnOf = new Uint8Array(0x10000);
  private readonly columns: number;
  private readonly transitions: Uint16Array;
  /** Triggers ending in state s: outputs[outputStart[s] .. outputStart[s + 1]). */
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;

  /** `triggers` are lower-case, each with its id. */
  constructor(triggers: ReadonlyArray<readonly [id: number, trigger: string]>) {
    this.columns = this.assignColumns(triggers.map(([, trigger]) => trigger));
    const { transitions, outputs } = this.build(triggers);
    this.transitions = transitions;
    this.outputStart = new Int32Array(outputs.length + 1);
    outputs.forEach((ids, state) => (this.outputStart[state + 1] = this.outputStart[state] + ids.length));
    this.outputs = Int32Array.from(outputs.flat());
  }

  /** The trigger character `unit` counts as: 0 for none, else equal for code units that count as the same. */
  column(unit: number): number {
    return this.columnOf[unit];
  }

  /** Reports every occurrence in `text` that starts at `from` or later. */
  scan(text: string, from: number, sink: OccurrenceSink): void {
    const { columnOf, columns, transitions, outputStart, outputs } = this;
    let state = 0;
    for (let index = from; index < text.length; index++) {
      state = transitions[state * columns + columnOf[text.charCodeAt(index)]];
      for (let output = outputStart[state]; output < outputStart[state + 1]; output++) {
        sink(outputs[output], index + 1);
      }
    }
  }

  private assignColumns(triggers: readonly string[]): number {
    const columnOfUnit = new Map<number, number>();
    const columnOfUpper = new Map<string, number>();
    for (const trigger of triggers) {
      if (trigger.length === 0 || trigger !== trigger.toLowerCase()) {
        throw new Error(`injection trigger "${trigger}" must be non-empty and lower-case`);
      }
      for (const char of trigger.split('')) {
        if (!columnOfUnit.has(char.charCodeAt(0))) {
          const column = columnOfUnit.size + 1;
          if (column > 0xff || columnOfUpper.has(char.toUpperCase())) {
            throw new Error(`injection triggers use too many characters, or two with the upper case of "${char}"`);
          }
          columnOfUnit.set(char.charCodeAt(0), column);
          columnOfUpper.set(char.toUpperCase(), column);
        }
      }
    }
    for (let unit = 0; unit < 0x10000; unit++) {
      const char = String.fromCharCode(unit);
      const lower = char.toLowerCase();
      this.columnOf[unit] =
        columnOfUnit.get(unit) ??
        (lower.length === 1 ? columnOfUnit.get(lower.charCodeAt(0)) : undefined) ??
        columnOfUpper.get(char.toUpperCase()) ??
        0;
    }
    return columnOfUnit.size + 1;
  }

  /** Trie with failure links folded in: a full transition table, and per state every trigger that ends there. */
  private build(triggers: ReadonlyArray<readonly [number, string]>): { transitions: Uint16Array; outputs: number[][] } {
    const columns = this.columns;
    const edges: Array<Map<number, number>> = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    for (const [id, trigger] of triggers) {
      let state = 0;
      for (let index = 0; index < trigger.length; index++) {
        const column = this.columnOf[trigger.charCodeAt(index)];
        let next = edges[state].get(column);
        if (next === undefined) {
          next = edges.length;
          edges.push(new Map<number, number>());
          outputs.push([]);
          edges[state].set(column, next);
        }
        state = next;
      }
      outputs[state].push(id);
    }
    if (edges.length > 0xffff) {
      throw new Error('injection triggers need too many automaton states');
    }
    const transitions = new Uint16Array(edges.length * columns);
    const fail = new Int32Array(edges.length);
    // Breadth first, so a state's failure target is complete before the state itself is filled in.
    const queue: number[] = [...edges[0].values()];
    for (const [column, next] of edges[0]) {
      transitions[column] = next;
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      outputs[state].push(...outputs[fail[state]]);
      for (let column = 0; column < columns; column++) {
        const next = edges[state].get(column);
        if (next === undefined) {
          transitions[state * columns + column] = transitions[fail[state] * columns + column];
        } else {
          fail[next] = transitions[fail[state] * columns + column];
          transitions[state * columns + column] = next;
          queue.push(next);
        }
      }
    }
    return { transitions, outputs };
  }
}
