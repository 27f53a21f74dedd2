import { InjectionMatcher } from './injection-matcher';
import { INJECTION_SIGNALS, type InjectionSignal } from './injection-signals';
import { normalizeForInjection } from './injection-text';

export interface InjectionResult {
  flagged: boolean;
  /** 0..1; 0.5 is the default threshold (signal weights adding up to 1). */
  score: number;
  /** Ids of the signals that fired, e.g. `override.ignore_previous`. */
  ruleIds: string[];
}

export const DEFAULT_INJECTION_THRESHOLD = 0.5;
const MATCHER = new InjectionMatcher(INJECTION_SIGNALS);
export const INJECTION_TRIGGER_INDEX = MATCHER.index;

/** Maps summed signal weights to 0..1: 1 - 2^-weight, so weight 1 is 0.5 and each further unit halves the gap to 1. */
function scoreOf(weight: number): number {
  return 1 - 2 ** -weight;
}

/**
 * The signals that fire on `text`. With `useTriggers` (the default) a signal's pattern is only tried where its
 * triggers occur; the result is the same as running every pattern over the whole text, only faster (a test checks
 * this on every dataset row).
 */
export function firedInjectionSignals(text: string, useTriggers = true): InjectionSignal[] {
  return MATCHER.fired(normalizeForInjection(text), useTriggers);
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
