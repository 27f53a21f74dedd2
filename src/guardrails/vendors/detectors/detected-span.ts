/** A detected entity's position in the inspected text. `end` is exclusive: `text.slice(start, end)` is the entity. */
export interface DetectedSpan {
  type: string;
  start: number;
  end: number;
  score?: number;
  ruleId?: string;
}

/** A regular expression a detector runs on untrusted text; listed so that tests can prove each one ReDoS-safe. */
export interface NamedPattern {
  name: string;
  pattern: RegExp;
}

export function spansOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
