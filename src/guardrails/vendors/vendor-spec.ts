import type { GuardrailDefinition, GuardrailMode } from '../guardrail.types';

/**
 * A vendor's self-description: the one place that lists its parameters. It drives config and admin validation
 * (`validateParams`), the default environment variables (`envDefaults`), which fields are secrets (`secretParamKeys`)
 * and the UI's form fields (ui/src/views/guardrails/provider-fields.ts reads `params`). Pure data and pure functions
 * only: the UI bundles this file for the browser.
 */

/** How a mapping's values are checked: `{EMAIL_ADDRESS: MASK}`, `{violence: 0.8}`, `{Hate: 4}`, `{X-Team: blue}`. */
export type MappingValues =
  | { type: 'choice'; options: readonly string[] }
  | { type: 'number'; min: number; max: number; integer?: boolean }
  | { type: 'string' }
  | { type: 'any' };

interface ParamBase {
  key: string;
  label: string;
  required?: boolean;
  /** Write-only in the admin API and the UI, sealed at rest, masked in responses and logs. */
  secret?: boolean;
  /** Environment variables read (first set wins) when the key is absent, as LiteLLM reads them. */
  env?: readonly string[];
  hint?: string;
  placeholder?: string;
  /** Not offered in the UI form (still accepted and validated in config.yaml and the admin API). */
  hidden?: boolean;
}

export type ParamSpec = ParamBase &
  (
    | { type: 'string' }
    /** A string or a number (Bedrock's `guardrailVersion: 1`). */
    | { type: 'string_or_number' }
    | { type: 'url' }
    | { type: 'boolean' }
    | { type: 'number'; min: number; max: number; integer?: boolean }
    | { type: 'choice'; options: readonly string[] }
    /** A list of strings; with `options`, each must be one of them. */
    | { type: 'list'; options?: readonly string[] }
    | { type: 'mapping'; values: MappingValues; keys?: readonly string[] }
    /** A string (a path, a JSON text) or a mapping: Model Armor's `credentials`. */
    | { type: 'string_or_mapping' }
    /** A string (a path to a JSON file) or a list of mappings: Presidio's ad-hoc recognizers. */
    | { type: 'string_or_list' }
  );

export type ParamProblem = [string, string];
type Params = Readonly<Record<string, unknown>>;
type DefinitionShape = Pick<GuardrailDefinition, 'modes' | 'onFlagged'>;

export interface VendorSpec {
  /** As LiteLLM names it in `litellm_params.guardrail`. */
  kind: string;
  /** Shown in the UI's provider list. */
  label: string;
  /** The modes the vendor makes sense in; any other is refused at load time. */
  modes: readonly GuardrailMode[];
  /** The vendor can rewrite content instead of blocking (a mask). */
  masks: boolean;
  /** The key of the vendor's answer in the block body. */
  responseKey: string;
  /** The vendor is called over HTTP (the shared fault suite and `cache_ttl_seconds` apply). */
  http: boolean;
  params: readonly ParamSpec[];
  /**
   * Modes a param switches on by itself, as LiteLLM does (Presidio's `output_parse_pii` and `apply_to_output` add
   * post_call): the config parser adds them to `mode` and says so in a warning.
   */
  impliedModes?: (params: Params) => GuardrailMode[];
  /** Rules across fields (needs X when Y; not in during_call), beyond each field's own type. */
  rules?: (params: Params, definition: DefinitionShape) => ParamProblem[];
}

/** Every problem in `params` and the modes, as `[key, message]` pairs (the caller prefixes the YAML path). */
export function validateParams(spec: VendorSpec, params: Params, definition: DefinitionShape): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const unsupported = definition.modes.filter((mode) => !spec.modes.includes(mode));
  if (unsupported.length > 0) {
    problems.push(['mode', `${spec.kind} does not support ${unsupported.join(', ')}; use ${spec.modes.join(', ')}`]);
  }
  for (const param of spec.params) {
    const value = params[param.key];
    if (value === undefined || value === null) {
      if (param.required) {
        problems.push([param.key, `${param.key} is required`]);
      }
      continue;
    }
    if (param.type === 'mapping' && isMapping(value)) {
      problems.push(...mappingProblems(param.key, value, param.values, param.keys));
      continue;
    }
    const problem = valueProblem(param, value);
    if (problem !== undefined) {
      problems.push([param.key, `${param.key} ${problem}`]);
    }
  }
  return spec.rules ? [...problems, ...spec.rules(params, definition)] : problems;
}

/** The environment variables each absent key falls back to. */
export function envDefaults(spec: VendorSpec): Record<string, readonly string[]> {
  return Object.fromEntries(spec.params.flatMap((param) => (param.env ? [[param.key, param.env]] : [])));
}

/** The keys whose values are secrets in any of `specs`. */
export function secretParamKeys(specs: readonly VendorSpec[]): ReadonlySet<string> {
  return new Set(specs.flatMap((spec) => spec.params.filter((param) => param.secret).map((param) => param.key)));
}

function valueProblem(param: ParamSpec, value: unknown): string | undefined {
  switch (param.type) {
    case 'string':
      return nonEmptyString(value) ? undefined : 'must be a non-empty string';
    case 'string_or_number':
      return nonEmptyString(value) || typeof value === 'number' ? undefined : 'must be a string or a number';
    case 'url':
      if (!nonEmptyString(value)) {
        return 'must be a non-empty string';
      }
      return isHttpUrlText(value) ? undefined : 'must be an http(s) URL';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'number':
      return numberProblem(value, param.min, param.max, param.integer);
    case 'choice':
      return typeof value === 'string' && param.options.includes(value)
        ? undefined
        : `must be one of ${param.options.join(', ')}`;
    case 'list':
      return listProblem(value, param.options);
    case 'mapping':
      return 'must be a mapping';
    case 'string_or_mapping':
      return nonEmptyString(value) || isMapping(value) ? undefined : 'must be a string or a mapping';
    case 'string_or_list':
      return nonEmptyString(value) || (Array.isArray(value) && value.every(isMapping))
        ? undefined
        : 'must be a path (a string) or a list of mappings';
    default:
      return assertNever(param);
  }
}

function listProblem(value: unknown, options: readonly string[] | undefined): string | undefined {
  if (!Array.isArray(value) || !value.every(nonEmptyString)) {
    return 'must be a list of strings';
  }
  const unknown = options ? value.filter((item) => !options.includes(item)) : [];
  return unknown.length > 0 ? `has unknown entries ${unknown.join(', ')}; use ${options?.join(', ')}` : undefined;
}

/** Each entry's problem at its own path (`category_thresholds.jailbreak`), all of them. */
function mappingProblems(
  key: string,
  value: Record<string, unknown>,
  values: MappingValues,
  keys: readonly string[] | undefined,
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const [entry, item] of Object.entries(value)) {
    const path = `${key}.${entry}`;
    if (keys && !keys.includes(entry)) {
      problems.push([path, `${path} is not one of ${keys.join(', ')}`]);
      continue;
    }
    const problem = mappingValueProblem(item, values);
    if (problem !== undefined) {
      problems.push([path, `${path} ${problem}`]);
    }
  }
  return problems;
}

function mappingValueProblem(value: unknown, values: MappingValues): string | undefined {
  switch (values.type) {
    case 'choice':
      return typeof value === 'string' && values.options.includes(value)
        ? undefined
        : `must be one of ${values.options.join(', ')}`;
    case 'number':
      return numberProblem(value, values.min, values.max, values.integer);
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'any':
      return undefined;
    default:
      return assertNever(values);
  }
}

function numberProblem(value: unknown, min: number, max: number, integer?: boolean): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    return `must be a number from ${min} to ${max}`;
  }
  return integer && !Number.isInteger(value) ? `must be a whole number from ${min} to ${max}` : undefined;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** http(s) with a host; kept here (not common/http-url) so the browser bundle stays free of Node modules. */
function isHttpUrlText(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
