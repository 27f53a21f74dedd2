import type { Guardrail, GuardrailDefinition, GuardInput, Verdict } from '../guardrail.types';
import { checkEnum, readAction } from './detectors/builtin-params';
import { detectSecrets } from './detectors/secrets.detector';
import {
  changesSomething,
  detectInGuardInput,
  maskGuardInput,
  summarizeSpans,
  toFindings,
} from './detectors/span-inspection';
import type { GuardrailFactory } from './vendor.contract';

const ACTIONS = ['mask', 'block'] as const;
type SecretsAction = (typeof ACTIONS)[number];

class SecretsGuardrail implements Guardrail {
  readonly responseKey = 'secrets_response';
  private readonly action: SecretsAction;

  constructor(readonly definition: GuardrailDefinition) {
    this.action = readAction(definition.params.action, ACTIONS, 'mask');
  }

  check(input: GuardInput): Promise<Verdict> {
    return Promise.resolve(this.verdictFor(input));
  }

  private verdictFor(input: GuardInput): Verdict {
    try {
      return this.inspect(input);
    } catch (error) {
      return {
        outcome: 'error',
        message: `secrets detector failed: ${(error as Error).message}`,
        code: 'detector_error',
      };
    }
  }

  private inspect(input: GuardInput): Verdict {
    const spans = detectInGuardInput(input, detectSecrets);
    if (spans.length === 0) {
      return { outcome: 'pass', vendorResponse: { flagged: false, detections: [] } };
    }
    // Summaries carry types, counts, rule ids and scores only: the secret itself never leaves this function.
    const detections = summarizeSpans(spans);
    const verdict = {
      outcome: 'flagged' as const,
      findings: toFindings('secrets', detections),
      vendorResponse: { flagged: true, detections },
    };
    if (this.action === 'block') {
      return verdict;
    }
    const rewrite = maskGuardInput(input, detectSecrets, 'REDACTED');
    return changesSomething(rewrite) ? { ...verdict, rewrite } : verdict;
  }
}

/** Built-in secret detection (API keys, private keys, JWTs, bearer tokens). Masks by default; `action: block` blocks. */
export const secretsGuardrail: GuardrailFactory = {
  validate: (params) => {
    const problem = checkEnum(params.action, ACTIONS);
    return problem ? [['action', problem]] : [];
  },
  create: (definition) => new SecretsGuardrail(definition),
};
