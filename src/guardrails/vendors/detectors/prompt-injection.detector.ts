import { INJECTION_SIGNALS, type InjectionSignal } from './injection-signals';
import { normalizeForInjection } from './injection-text';
import { TriggerIndex } from './injection-triggers';

export interface InjectionResult {
  flagged: boolean;
  /** 0..1; 0.5 is the default threshold (signal weights adding up to 1). */
  score: number;
  /** Ids of the signals that fired, e.g. `override.ignore_previous`. */
  ruleIds: string[];
}

export const DEFAULT_INJECTION_THRESHOLD = 0.5;
export const INJECTION_TRIGGER_INDEX = new TriggerIndex(INJECTION_SIGNALS);

/** Maps summed signal weights to 0..1: 1 - 2^-weight, so weight 1 is 0.5 and each further unit halves the gap to 1. */
function scoreOf(weight: number): number {
  return 1 - 2 ** -weight;
}

function fires(signal: InjectionSignal, text: string): boolean {
  if (signal.minMatches === undefined) {
    return signal.pattern.test(text);
  }
  let matches = 0;
  for (const _match of text.matchAll(signal.pattern)) {
    if (++matches >= signal.minMatches) {
      return true;
    }
  }
  return false;
}

/**
 * The signals that fire on `text`. With `useTriggers` (the default) a signal's pattern only runs when one of its
 * trigger substrings occurs; the result is the same, only faster (a test checks this on every dataset row).
 */
export function firedInjectionSignals(text: string, useTriggers = true): InjectionSignal[] {
  const normalized = normalizeForInjection(text);
  const present = useTriggers ? INJECTION_TRIGGER_INDEX.present(normalized.toLowerCase()) : undefined;
  return INJECTION_SIGNALS.filter(
    (signal) =>
      (present === undefined || signal.triggers.some((trigger) => present.has(trigger))) && fires(signal, normalized),
  );
}

/**
 * Heuristic prompt-injection and jailbreak detector: weighted signals (instruction overrides, persona set-ups with
 * "no rules", refusal suppression, fake system turns, system-prompt extraction, non-English overrides) added up.
 */
export function detectPromptInjection(text: string, threshold = DEFAULT_INJECTION_THRESHOLD): InjectionResult {
  const fired = firedInjectionSignals(text);
  const weight = fired.reduce((sum, signal) => sum + signal.weight, 0);
  const score = Math.round(scoreOf(weight) * 1000) / 1000;
  return { flagged: fired.length > 0 && score >= threshold, score, ruleIds: fired.map((signal) => signal.id) };
}
