import type { NamedPattern } from './detected-span';
import type { InjectionSignal } from './injection-rule-parts';
import { EVASION_SIGNALS } from './injection-signals-evasion';
import { HIDDEN_SIGNALS } from './injection-signals-hidden';
import { MULTILINGUAL_SIGNALS } from './injection-signals-multilingual';
import { OVERRIDE_SIGNALS } from './injection-signals-override';
import { PERSONA_SIGNALS } from './injection-signals-persona';
import { PERSONA_MODE_SIGNALS } from './injection-signals-persona-modes';

export type { InjectionSignal } from './injection-rule-parts';

/** Every signal, in the order their ids are reported. */
export const INJECTION_SIGNALS: readonly InjectionSignal[] = [
  ...OVERRIDE_SIGNALS,
  ...PERSONA_SIGNALS,
  ...PERSONA_MODE_SIGNALS,
  ...EVASION_SIGNALS,
  ...HIDDEN_SIGNALS,
  ...MULTILINGUAL_SIGNALS,
];

export const INJECTION_PATTERNS: readonly NamedPattern[] = INJECTION_SIGNALS.map((signal) => ({
  name: signal.id,
  pattern: signal.pattern,
}));
