import type { Guardrail, GuardrailDefinition, GuardInput, Verdict } from '../guardrail.types';
import { detectWithLocation, flaggedDetections, inspectSafely, nothingDetected } from './builtin-verdicts';
import { compileAllowList, parseRegexLiteral } from './detectors/allow-list';
import { checkEnum, checkStringArray, isStringArray, readAction } from './detectors/builtin-params';
import type { DetectedSpan } from './detectors/detected-span';
import { detectPii } from './detectors/pii.detector';
import { PII_ENTITY_TYPES, isPiiEntityType, type PiiEntityType } from './detectors/pii-entity-types';
import { summarizeSpans, withMaskedInput } from './detectors/span-inspection';
import { masksDuringCall } from './vendor-params';
import type { GuardrailFactory } from './vendor.contract';

type PiiAction = 'MASK' | 'BLOCK';

const ACTIONS = ['mask', 'block'] as const;
const ENTITY_LIST = PII_ENTITY_TYPES.join(', ');

interface PiiSettings {
  /** What to do with each entity this guardrail looks for; entities not listed are not looked for. */
  actions: ReadonlyMap<PiiEntityType, PiiAction>;
  allowList: readonly string[];
}

function readSettings(params: Readonly<Record<string, unknown>>): PiiSettings {
  const subset = isStringArray(params.entities) ? params.entities.filter(isPiiEntityType) : undefined;
  const wanted = (entity: PiiEntityType): boolean => subset === undefined || subset.includes(entity);
  const actions = new Map<PiiEntityType, PiiAction>();
  const config = params.pii_entities_config;
  if (config && typeof config === 'object' && !Array.isArray(config)) {
    for (const [entity, action] of Object.entries(config)) {
      if (isPiiEntityType(entity) && wanted(entity) && typeof action === 'string') {
        actions.set(entity, action.toUpperCase() === 'MASK' ? 'MASK' : 'BLOCK');
      }
    }
  } else {
    const action: PiiAction = readAction(params.action, ACTIONS, 'block') === 'mask' ? 'MASK' : 'BLOCK';
    for (const entity of PII_ENTITY_TYPES.filter(wanted)) {
      actions.set(entity, action);
    }
  }
  return { actions, allowList: isStringArray(params.allow_list) ? params.allow_list : [] };
}

function validatePiiParams(params: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const config = params.pii_entities_config;
  if (config !== undefined) {
    if (!config || typeof config !== 'object' || Array.isArray(config)) {
      problems.push([
        'pii_entities_config',
        `must map entity names to MASK or BLOCK, e.g. {EMAIL_ADDRESS: MASK, CREDIT_CARD: BLOCK}`,
      ]);
    } else {
      for (const [entity, action] of Object.entries(config)) {
        if (!isPiiEntityType(entity)) {
          problems.push([`pii_entities_config.${entity}`, `is not a supported entity; use one of ${ENTITY_LIST}`]);
        }
        if (typeof action !== 'string' || !['MASK', 'BLOCK'].includes(action.toUpperCase())) {
          problems.push([`pii_entities_config.${entity}`, `must be MASK or BLOCK (got ${JSON.stringify(action)})`]);
        }
      }
    }
  }
  const entities = params.entities;
  if (entities !== undefined) {
    if (!isStringArray(entities)) {
      problems.push(['entities', `must be a list of entity names, e.g. [EMAIL_ADDRESS, PHONE_NUMBER]`]);
    } else {
      entities.forEach((entity, index) => {
        if (!isPiiEntityType(entity)) {
          problems.push([
            `entities[${index}]`,
            `${JSON.stringify(entity)} is not a supported entity; use one of ${ENTITY_LIST}`,
          ]);
        }
      });
    }
  }
  const actionProblem = checkEnum(params.action, ACTIONS);
  if (actionProblem) {
    problems.push(['action', actionProblem]);
  }
  if (params.action !== undefined && config !== undefined) {
    problems.push([
      'action',
      'cannot be combined with pii_entities_config; set MASK or BLOCK per entity there instead',
    ]);
  }
  const allowListProblem = checkStringArray(params.allow_list, `["support@example.com", "/@example\\.com$/i"]`);
  if (allowListProblem) {
    problems.push(['allow_list', allowListProblem]);
  } else if (isStringArray(params.allow_list)) {
    params.allow_list.forEach((entry, index) => {
      try {
        parseRegexLiteral(entry);
      } catch (error) {
        problems.push([
          `allow_list[${index}]`,
          `is not a valid regular expression (${(error as Error).message}); write /source/flags or a plain string`,
        ]);
      }
    });
  }
  return problems;
}

class PiiGuardrail implements Guardrail {
  readonly responseKey = 'pii_response';
  readonly inProcess = true;
  private readonly settings: PiiSettings;
  private readonly detect: (text: string) => DetectedSpan[];

  constructor(readonly definition: GuardrailDefinition) {
    this.settings = readSettings(definition.params);
    const entities = [...this.settings.actions.keys()];
    const allowList = compileAllowList(this.settings.allowList.filter((entry) => isSafeAllowEntry(entry)));
    this.detect = (text) => (entities.length === 0 ? [] : detectPii(text, { entities, allowList }));
  }

  check(input: GuardInput): Promise<Verdict> {
    return inspectSafely('pii', () => this.inspect(input));
  }

  private inspect(input: GuardInput): Verdict {
    const { spans, flaggedIn } = detectWithLocation(input, this.detect);
    if (spans.length === 0) {
      return nothingDetected();
    }
    const verdict = flaggedDetections('pii', summarizeSpans(spans), flaggedIn);
    const actionOf = (span: DetectedSpan): PiiAction | undefined =>
      this.settings.actions.get(span.type as PiiEntityType);
    if (spans.some((span) => actionOf(span) === 'BLOCK')) {
      return verdict;
    }
    return withMaskedInput(verdict, input, this.detect, 'MASKED', (span) => actionOf(span) === 'MASK');
  }
}

function isSafeAllowEntry(entry: string): boolean {
  try {
    parseRegexLiteral(entry);
    return true;
  } catch {
    return false;
  }
}

/**
 * Built-in PII detection (e-mail, phone, card, IBAN, US SSN, IP). LiteLLM presidio-style params:
 * `pii_entities_config: {ENTITY: MASK|BLOCK}`, `entities: [...]`, `allow_list: [...]`, or `action: mask|block`
 * for every entity at once (default block).
 */
export const piiGuardrail: GuardrailFactory = {
  validate: (params, definition) => {
    const problems = validatePiiParams(params);
    if (
      problems.length === 0 &&
      masksDuringCall(definition) &&
      [...readSettings(params).actions.values()].includes('MASK')
    ) {
      const key = params.pii_entities_config !== undefined ? 'pii_entities_config' : 'action';
      problems.push([
        key,
        'MASK cannot apply during_call (the request is already upstream): use pre_call to mask, or BLOCK',
      ]);
    }
    return problems;
  },
  create: (definition) => new PiiGuardrail(definition),
};
