import type { Guardrail, GuardrailDefinition, GuardInput, Verdict } from '../guardrail.types';
import { textOf } from '../message-text';
import { flaggedDetections, flagLocation, inspectSafely, nothingDetected } from './builtin-verdicts';
import {
  DEFAULT_INJECTION_THRESHOLD,
  detectPromptInjection,
  type InjectionResult,
} from './detectors/prompt-injection.detector';
import type { GuardrailFactory } from './vendor.contract';

/**
 * Roles whose text the operator writes, not the end user. A system prompt is made of the same "you are ..., you will
 * always ..." statements persona jailbreaks use, so inspecting it would flag every request; `include_system: true`
 * turns it on anyway.
 */
const OPERATOR_ROLES = new Set(['system', 'developer']);

interface InjectionSettings {
  threshold: number;
  includeSystem: boolean;
}

function readSettings(params: Readonly<Record<string, unknown>>): InjectionSettings {
  const threshold = typeof params.threshold === 'number' ? params.threshold : DEFAULT_INJECTION_THRESHOLD;
  return { threshold, includeSystem: params.include_system === true };
}

function validateInjectionParams(params: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const { threshold, include_system: includeSystem } = params;
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1))) {
    problems.push([
      'threshold',
      `must be a number above 0 and at most 1 (default ${DEFAULT_INJECTION_THRESHOLD}); higher flags less`,
    ]);
  }
  if (includeSystem !== undefined && typeof includeSystem !== 'boolean') {
    problems.push(['include_system', 'must be true or false']);
  }
  return problems;
}

class PromptInjectionGuardrail implements Guardrail {
  readonly responseKey = 'prompt_injection_response';
  readonly inProcess = true;
  private readonly settings: InjectionSettings;

  constructor(readonly definition: GuardrailDefinition) {
    this.settings = readSettings(definition.params);
  }

  check(input: GuardInput): Promise<Verdict> {
    return inspectSafely('prompt_injection', () => this.inspect(input));
  }

  private inspect(input: GuardInput): Verdict {
    const flaggedAmong = (texts: string[]): InjectionResult[] =>
      texts.map((text) => detectPromptInjection(text, this.settings.threshold)).filter((result) => result.flagged);
    const inInput = flaggedAmong(
      input.messages.filter((message) => this.settings.includeSystem || !OPERATOR_ROLES.has(message.role)).map(textOf),
    );
    const inResponse = flaggedAmong(typeof input.response === 'string' ? [input.response] : []);
    const flagged = [...inInput, ...inResponse];
    if (flagged.length === 0) {
      return nothingDetected();
    }
    const strongest = flagged.reduce((best, result) => (result.score > best.score ? result : best));
    const ruleIds = [...new Set(flagged.flatMap((result: InjectionResult) => result.ruleIds))];
    return flaggedDetections(
      'prompt_injection',
      [{ type: 'prompt_injection', count: flagged.length, score: strongest.score, ruleId: ruleIds.join(',') }],
      flagLocation(inInput.length > 0, inResponse.length > 0),
    );
  }
}

/** Built-in heuristic prompt-injection / jailbreak detection. Flags without rewrite; optional `threshold` (0..1]. */
export const promptInjectionGuardrail: GuardrailFactory = {
  validate: (params) => validateInjectionParams(params),
  create: (definition) => new PromptInjectionGuardrail(definition),
};
