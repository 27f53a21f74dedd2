import type { InjectionSignal } from './injection-rule-parts';
import { TriggerIndex, type TriggerHits } from './injection-triggers';

interface CompiledSignal {
  signal: InjectionSignal;
  needed: number;
  triggerIds: readonly number[];
  alsoTriggerIds: readonly number[] | undefined;
  /** The same pattern, matching only where `lastIndex` points: tried at each occurrence of a trigger. */
  sticky: RegExp;
  /** Matches to count up to: the largest `minMatches` of the signals sharing this (global) pattern. */
  countUpTo: number;
}

/** Whether the triggers occur at least `needed` times in all: matches do not overlap, so each holds its own. */
function occurs(counts: Uint32Array, ids: readonly number[], needed: number): boolean {
  let total = 0;
  for (const id of ids) {
    total += counts[id];
    if (total >= needed) {
      return true;
    }
  }
  return false;
}

function mayFire(compiled: CompiledSignal, hits: TriggerHits): boolean {
  return (
    occurs(hits.counts, compiled.triggerIds, compiled.needed) &&
    (compiled.alsoTriggerIds === undefined || occurs(hits.counts, compiled.alsoTriggerIds, compiled.needed))
  );
}

/** Whether the pattern matches at an occurrence of one of its triggers (where it matches if anywhere). */
function matchesAtTriggers({ sticky, triggerIds }: CompiledSignal, text: string, hits: TriggerHits): boolean {
  for (const id of triggerIds) {
    for (let occurrence = hits.last[id]; occurrence !== 0; occurrence = hits.next[occurrence]) {
      sticky.lastIndex = hits.start[occurrence];
      if (sticky.test(text)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Non-overlapping matches, counted up to `countUpTo`, as a global search finds them: every match starts at a
 * trigger, so trying the trigger offsets in order, each at or after the end of the last match, finds the same ones.
 */
function countMatchesAtTriggers(compiled: CompiledSignal, text: string, hits: TriggerHits): number {
  const offsets: number[] = [];
  for (const id of compiled.triggerIds) {
    for (let occurrence = hits.last[id]; occurrence !== 0; occurrence = hits.next[occurrence]) {
      offsets.push(hits.start[occurrence]);
    }
  }
  offsets.sort((a, b) => a - b);
  const { sticky, countUpTo } = compiled;
  let matches = 0;
  let end = 0;
  for (const offset of offsets) {
    if (offset >= end) {
      sticky.lastIndex = offset;
      if (sticky.test(text)) {
        end = sticky.lastIndex;
        if (++matches >= countUpTo) {
          break;
        }
      }
    }
  }
  return matches;
}

/** Non-overlapping matches of a global pattern anywhere in `text`, counted up to `upTo`. */
function countMatches(pattern: RegExp, text: string, upTo: number): number {
  pattern.lastIndex = 0;
  let matches = 0;
  while (matches < upTo && pattern.exec(text) !== null) {
    matches++;
  }
  pattern.lastIndex = 0;
  return matches;
}

/**
 * Runs injection signals over a normalized text. By default a signal's pattern is only tried where its triggers
 * occur, and only when they (and its `alsoTriggers`) occur often enough: the same result as running every pattern
 * over the whole text (`useTriggers` false, kept as the reference), in a small fraction of the time.
 */
export class InjectionMatcher {
  readonly index: TriggerIndex;
  private readonly compiled: readonly CompiledSignal[];

  constructor(signals: readonly InjectionSignal[]) {
    this.index = new TriggerIndex(signals.flatMap((signal) => [...signal.triggers, ...(signal.alsoTriggers ?? [])]));
    this.compiled = signals.map((signal) => ({
      signal,
      needed: signal.minMatches ?? 1,
      triggerIds: signal.triggers.map((trigger) => this.index.id(trigger)),
      alsoTriggerIds: signal.alsoTriggers?.map((trigger) => this.index.id(trigger)),
      sticky: new RegExp(signal.pattern.source, `${signal.pattern.flags.replace('g', '')}y`),
      countUpTo: Math.max(
        ...signals.filter((other) => other.pattern === signal.pattern).map((other) => other.minMatches ?? 1),
      ),
    }));
  }

  /** The signals whose pattern matches `normalized` (see normalizeForInjection), in the order they were given. */
  fired(normalized: string, useTriggers = true): InjectionSignal[] {
    const hits = useTriggers ? this.index.scan(normalized) : undefined;
    const fired: InjectionSignal[] = [];
    // Tiers of one global pattern ("you will ..." 3, 5 and 8 times) share the object: count its matches once.
    let countedPattern: RegExp | undefined;
    let counted = 0;
    for (const compiled of this.compiled) {
      const { signal } = compiled;
      if (hits !== undefined && !mayFire(compiled, hits)) {
        continue;
      }
      if (signal.minMatches === undefined) {
        if (hits === undefined ? signal.pattern.test(normalized) : matchesAtTriggers(compiled, normalized, hits)) {
          fired.push(signal);
        }
        continue;
      }
      if (countedPattern !== signal.pattern) {
        countedPattern = signal.pattern;
        counted =
          hits === undefined
            ? countMatches(signal.pattern, normalized, compiled.countUpTo)
            : countMatchesAtTriggers(compiled, normalized, hits);
      }
      if (counted >= signal.minMatches) {
        fired.push(signal);
      }
    }
    return fired;
  }
}
