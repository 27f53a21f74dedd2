import type { Guardrail, GuardrailDefinition, GuardInput, Verdict } from '../guardrail.types';
import { detectWithLocation, flaggedDetections, inspectSafely, nothingDetected } from './builtin-verdicts';
import { checkEnum, readAction } from './detectors/builtin-params';
import { detectSecrets } from './detectors/secrets.detector';
import { summarizeSpans, withMaskedInput } from './detectors/span-inspection';
import { masksDuringCall } from './vendor-params';
import type { GuardrailFactory } from './vendor.contract';

const ACTIONS = ['mask', 'block'] as const;
type SecretsAction = (typeof ACTIONS)[number];

class SecretsGuardrail implements Guardrail {
  readonly responseKey = 'secrets_response';
  readonly inProcess = true;
  private readonly action: SecretsAction;

  constructor(readonly definition: GuardrailDefinition) {
    this.action = readAction(definition.params.action, ACTIONS, 'mask');
  }

  check(input: GuardInput): Promise<Verdict> {
    return inspectSafely('secrets', () => this.inspect(input));
  }

  private inspect(input: GuardInput): Verdict {
    const { spans, flaggedIn } = detectWithLocation(input, detectSecrets);
    if (spans.length === 0) {
      return nothingDetected();
    }
    // Summaries carry types, counts, rule ids and scores only: the secret itself never leaves this function.
    const verdict = flaggedDetections('secrets', summarizeSpans(spans), flaggedIn);
    return this.action === 'block' ? verdict : withMaskedInput(verdict, input, detectSecrets, 'REDACTED');
  }
}

/** Built-in secret detection (API keys, private keys, JWTs, bearer tokens). Masks by default; `action: block` blocks. */
export const secretsGuardrail: GuardrailFactory = {
  validate: (params, definition) => {
    const problem = checkEnum(params.action, ACTIONS);
    if (problem) {
      return [['action', problem]];
    }
    if (readAction(params.action, ACTIONS, 'mask') === 'mask' && masksDuringCall(definition)) {
      return [
        [
          'action',
          'secrets masks by default, which cannot apply during_call (the request is already upstream): use pre_call to mask, or action: block',
        ],
      ];
    }
    return [];
  },
  create: (definition) => new SecretsGuardrail(definition),
};
