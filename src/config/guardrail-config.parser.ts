import {
  GUARDRAIL_KINDS,
  GUARDRAIL_MODES,
  ON_ERROR_POLICIES,
  ON_FLAGGED_ACTIONS,
  type GuardrailDefinition,
  type GuardrailKind,
  type GuardrailMode,
  type OnError,
  type OnFlagged,
} from '../guardrails/guardrail.types';
import { CACHE_TTL_KEY, cacheTtlProblem } from '../guardrails/verdict-cache/cache-params';
import { envDefaults } from '../guardrails/vendors/vendor-spec';
import { specOf } from '../guardrails/vendors/vendor-specs';
import { VENDOR_REGISTRY } from '../guardrails/vendors/vendor.registry';
import { joinPath, type ProblemList } from './config.error';
import { isPlainObject } from './config.env';
import { DEFAULTS } from './config.schema';

/** Keys of `litellm_params` that Warden interprets itself; everything else is passed to the vendor as params. */
const ENGINE_KEYS = new Set([
  'guardrail',
  'mode',
  'on_flagged',
  'on_error',
  'default_on',
  'timeout_ms',
  'timeout',
  'fail_on_error',
  'unreachable_fallback',
]);

/**
 * Parses one `guardrails:` entry (the same shape in config.yaml and in the admin API) into a definition.
 * Returns undefined when it has problems; they are added to `problems` with their paths.
 */
export function parseGuardrailEntry(
  entry: unknown,
  path: string,
  problems: ProblemList,
  env: Readonly<Record<string, string | undefined>>,
  warnings: string[] = [],
): GuardrailDefinition | undefined {
  const before = problems.items.length;
  if (!isPlainObject(entry)) {
    problems.add(path, 'must be a mapping with guardrail_name and litellm_params');
    return undefined;
  }
  const name = entry.guardrail_name;
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) {
    problems.add(joinPath(path, 'guardrail_name'), 'is required: a unique name for the guardrail');
  } else if (typeof name !== 'string') {
    problems.add(
      joinPath(path, 'guardrail_name'),
      `must be a string (got ${Array.isArray(name) ? 'a list' : typeof name})`,
    );
  } else if (!/^[A-Za-z0-9._:-]{1,128}$/.test(name)) {
    problems.add(
      joinPath(path, 'guardrail_name'),
      'may only contain letters, digits and . _ : - (at most 128 characters)',
    );
  }
  // A bad name does not stop the checks below: the vendor's own (api_key is required, ...) are reported with it.
  const afterName = problems.items.length;
  const paramsPath = joinPath(path, 'litellm_params');
  const raw = entry.litellm_params;
  if (!isPlainObject(raw)) {
    problems.add(
      paramsPath,
      raw === undefined || raw === null
        ? 'is required: a mapping with guardrail, mode, ...'
        : 'must be a mapping (guardrail, mode, ...)',
    );
    return undefined;
  }

  const kind = raw.guardrail;
  if (typeof kind !== 'string' || !(GUARDRAIL_KINDS as readonly string[]).includes(kind)) {
    problems.add(
      joinPath(paramsPath, 'guardrail'),
      `unknown guardrail provider ${JSON.stringify(kind)}; use one of: ${GUARDRAIL_KINDS.join(', ')}`,
    );
  }
  const modes = parseModes(raw.mode, joinPath(paramsPath, 'mode'), problems);
  const onFlagged = parseEnum<OnFlagged>(
    raw.on_flagged ?? 'block',
    ON_FLAGGED_ACTIONS,
    joinPath(paramsPath, 'on_flagged'),
    problems,
  );
  const onError = parseOnError(raw, paramsPath, problems, warnings);
  const defaultOn = raw.default_on ?? false;
  if (typeof defaultOn !== 'boolean') {
    problems.add(joinPath(paramsPath, 'default_on'), 'must be true or false');
  }
  const timeoutMs = parseTimeout(raw, paramsPath, problems, warnings);

  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!ENGINE_KEYS.has(key) && value !== undefined && value !== null) {
      params[key] = value;
    }
  }
  if (typeof kind === 'string') {
    const spec = specOf(kind);
    for (const [key, names] of Object.entries(spec ? envDefaults(spec) : {})) {
      const fromEnv = names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
      if (params[key] === undefined && fromEnv !== undefined) {
        params[key] = fromEnv;
      }
    }
  }
  const implied = typeof kind === 'string' ? (specOf(kind)?.impliedModes?.(params) ?? []) : [];
  for (const mode of implied) {
    if (modes && !modes.includes(mode)) {
      modes.push(mode);
      warnings.push(
        `${joinPath(paramsPath, 'mode')}: ${mode} added, as LiteLLM does for these ${String(kind)} options`,
      );
    }
  }
  if (problems.items.length > afterName) {
    return undefined;
  }

  const definition: Omit<GuardrailDefinition, 'params'> = {
    name: name as string,
    kind: kind as GuardrailKind,
    modes: modes as GuardrailMode[],
    onFlagged: onFlagged as OnFlagged,
    onError: onError as OnError,
    defaultOn: defaultOn as boolean,
    timeoutMs: timeoutMs as number,
  };
  const factory = VENDOR_REGISTRY[definition.kind];
  for (const [key, message] of factory.validate(params, definition)) {
    problems.add(joinPath(paramsPath, key), message);
  }
  const cacheProblem = cacheTtlProblem(params[CACHE_TTL_KEY], factory.cacheable === true);
  if (cacheProblem !== undefined) {
    problems.add(joinPath(paramsPath, CACHE_TTL_KEY), cacheProblem);
  }
  if (problems.items.length > before) {
    return undefined;
  }
  return Object.freeze({ ...definition, params: Object.freeze(params) });
}

function parseModes(value: unknown, path: string, problems: ProblemList): GuardrailMode[] | undefined {
  const hint = `use one of ${GUARDRAIL_MODES.join(', ')} (or a list of them)`;
  if (value === undefined || value === null) {
    problems.add(path, `is required; ${hint}`);
    return undefined;
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) {
    problems.add(path, `must not be empty; ${hint}`);
    return undefined;
  }
  const modes: GuardrailMode[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || !(GUARDRAIL_MODES as readonly string[]).includes(item)) {
      problems.add(path, `unsupported mode ${JSON.stringify(item)}; ${hint}`);
      return undefined;
    }
    if (!modes.includes(item as GuardrailMode)) {
      modes.push(item as GuardrailMode);
    }
  }
  return modes;
}

function parseEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  problems: ProblemList,
): T | undefined {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    problems.add(path, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return undefined;
  }
  return value as T;
}

/** `on_error`, or LiteLLM's spellings of fail-open (`fail_on_error: false`, `unreachable_fallback: fail_open`). */
function parseOnError(
  raw: Record<string, unknown>,
  path: string,
  problems: ProblemList,
  warnings: string[],
): OnError | undefined {
  if (raw.on_error !== undefined) {
    return parseEnum<OnError>(raw.on_error, ON_ERROR_POLICIES, joinPath(path, 'on_error'), problems);
  }
  if (raw.fail_on_error === false || raw.unreachable_fallback === 'fail_open') {
    const key = raw.fail_on_error === false ? 'fail_on_error' : 'unreachable_fallback';
    warnings.push(`${joinPath(path, key)} is read as on_error: allow`);
    return 'allow';
  }
  return 'block';
}

/** `timeout_ms`, or LiteLLM's `timeout` in seconds. */
/** An hour: longer is a misconfiguration (and past 2^31 - 1 ms a Node timer fires at once). */
const MAX_GUARDRAIL_TIMEOUT_MS = 3_600_000;

function parseTimeout(
  raw: Record<string, unknown>,
  path: string,
  problems: ProblemList,
  warnings: string[],
): number | undefined {
  if (raw.timeout_ms !== undefined) {
    const ms = raw.timeout_ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms <= 0 || ms > MAX_GUARDRAIL_TIMEOUT_MS) {
      problems.add(
        joinPath(path, 'timeout_ms'),
        `must be a whole number of milliseconds from 1 to ${MAX_GUARDRAIL_TIMEOUT_MS}`,
      );
      return undefined;
    }
    return ms;
  }
  if (raw.timeout !== undefined) {
    const seconds = raw.timeout;
    const ms = typeof seconds === 'number' ? Math.round(seconds * 1000) : Number.NaN;
    if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_GUARDRAIL_TIMEOUT_MS) {
      problems.add(
        joinPath(path, 'timeout'),
        `must be a number of seconds up to ${MAX_GUARDRAIL_TIMEOUT_MS / 1000} (or use timeout_ms)`,
      );
      return undefined;
    }
    warnings.push(`${joinPath(path, 'timeout')} (seconds) is read as timeout_ms: ${ms}`);
    return ms;
  }
  return DEFAULTS.guardrailTimeoutMs;
}
