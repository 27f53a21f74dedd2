import type { NamedPattern } from './detected-span';
import type { InjectionSignal } from './injection-signals';

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

/**
 * Finds, in one pass, which signal triggers occur in a lower-cased text. Matches may overlap ("you are" and "are"),
 * so every trigger contained in a match is recorded and the scan resumes one code point after the match start.
 */
export class TriggerIndex {
  readonly pattern: RegExp;
  private readonly containedIn: ReadonlyMap<string, readonly string[]>;

  constructor(signals: readonly InjectionSignal[]) {
    const triggers = [...new Set(signals.flatMap((signal) => signal.triggers))].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(triggers.map((trigger) => trigger.replace(REGEX_SPECIALS, '\\$&')).join('|'), 'gu');
    this.containedIn = new Map(
      triggers.map((trigger) => [trigger, triggers.filter((other) => trigger.includes(other))]),
    );
  }

  present(lowerCaseText: string): Set<string> {
    const found = new Set<string>();
    const pattern = new RegExp(this.pattern);
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(lowerCaseText)) !== null) {
      for (const trigger of this.containedIn.get(match[0]) ?? []) {
        found.add(trigger);
      }
      // One code point on: a unicode regex would step back to the start of a surrogate pair and loop.
      pattern.lastIndex = match.index + (lowerCaseText.codePointAt(match.index)! > 0xffff ? 2 : 1);
    }
    return found;
  }
}

export function triggerPatterns(index: TriggerIndex): NamedPattern[] {
  return [{ name: 'injection-triggers', pattern: index.pattern }];
}
