import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { isHttpUrl } from '../common/http-url';
import type { GuardrailDefinition } from '../guardrails/guardrail.types';
import { ConfigError, joinPath, ProblemList } from './config.error';
import { isPlainObject, resolveEnvReferences } from './config.env';
import {
  DEFAULTS,
  EXCERPT_POLICIES,
  PROVIDER_KINDS,
  type ExcerptPolicy,
  type GeneralSettings,
  type ModelDeployment,
  type ProviderKind,
  type RouterSettings,
  type WardenConfig,
} from './config.schema';
import { parseGuardrailEntry } from './guardrail-config.parser';
import { yamlSyntaxProblems } from './yaml-syntax';

type Env = Readonly<Record<string, string | undefined>>;

/** Shorter is too easy to guess, and the salt key is all that stands between a database dump and the secrets. */
const MIN_SALT_KEY_LENGTH = 16;
const KNOWN_SECTIONS = new Set(['model_list', 'guardrails', 'general_settings', 'router_settings', 'litellm_settings']);

/** Reads, resolves and validates a config file. Throws ConfigError listing every problem. */
export function loadConfigFile(file: string, env: Env = process.env): WardenConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError([{ path: '', message: `cannot read ${file}: ${reason}` }], file);
  }
  return parseConfigText(text, file, env);
}

export function parseConfigText(text: string, source: string, env: Env = process.env): WardenConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(yamlSyntaxProblems(text, document.errors), source);
  }
  return buildConfig(document.toJS() ?? {}, source, env);
}

/** Validates an already-parsed config object (what tests and the YAML path both use). */
export function buildConfig(raw: unknown, source: string, env: Env = process.env): WardenConfig {
  const problems = new ProblemList();
  const warnings: string[] = [];
  if (!isPlainObject(raw)) {
    throw new ConfigError(
      [{ path: '', message: 'the top level must be a mapping (model_list, guardrails, ...)' }],
      source,
    );
  }
  const resolved = resolveEnvReferences(raw, env, problems) as Record<string, unknown>;
  for (const key of Object.keys(resolved)) {
    if (!KNOWN_SECTIONS.has(key)) {
      warnings.push(`section ${key} is not used by Warden and was ignored`);
    }
  }

  const models = parseModelList(resolved.model_list, problems, env);
  const guardrails = parseGuardrails(resolved.guardrails, problems, env, warnings);
  const general = parseGeneralSettings(resolved.general_settings, problems, env);
  const router = parseRouterSettings(resolved.router_settings, resolved.litellm_settings, problems, warnings);
  for (const [group, targets] of Object.entries(router.fallbacks)) {
    for (const target of [group, ...targets]) {
      if (!models.some((m) => m.modelName === target)) {
        problems.add('router_settings.fallbacks', `model ${JSON.stringify(target)} is not in model_list`);
      }
    }
  }
  if (!problems.isEmpty) {
    throw new ConfigError(problems.items, source);
  }
  return deepFreeze({ source, models, guardrails, general, router, warnings });
}

/** LiteLLM's implicit environment for model params the entry leaves out, by provider. */
const MODEL_ENV: Record<ProviderKind, Partial<Record<'api_key' | 'api_base' | 'api_version', string[]>>> = {
  openai: { api_key: ['OPENAI_API_KEY'], api_base: ['OPENAI_API_BASE', 'OPENAI_BASE_URL'] },
  azure: { api_key: ['AZURE_API_KEY'], api_base: ['AZURE_API_BASE'], api_version: ['AZURE_API_VERSION'] },
  anthropic: { api_key: ['ANTHROPIC_API_KEY'], api_base: ['ANTHROPIC_API_BASE'] },
  mock: {},
};

function parseModelList(value: unknown, problems: ProblemList, env: Env): ModelDeployment[] {
  if (value === undefined || value === null) {
    problems.add('model_list', 'is required: list at least one model (model_name + litellm_params.model)');
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add('model_list', 'must be a list of models');
    return [];
  }
  const models: ModelDeployment[] = [];
  value.forEach((entry: unknown, index) => {
    const path = joinPath('model_list', index);
    const model = parseModelEntry(entry, path, problems, index, env);
    if (model) {
      models.push(model);
    }
  });
  return models;
}

function parseModelEntry(
  entry: unknown,
  path: string,
  problems: ProblemList,
  index: number,
  env: Env,
): ModelDeployment | undefined {
  if (!isPlainObject(entry)) {
    problems.add(path, 'must be a mapping with model_name and litellm_params');
    return undefined;
  }
  const before = problems.items.length;
  const modelName = entry.model_name;
  if (typeof modelName !== 'string' || modelName.trim() === '') {
    problems.add(joinPath(path, 'model_name'), 'is required and must be a non-empty string');
  }
  const paramsPath = joinPath(path, 'litellm_params');
  const params = entry.litellm_params;
  if (!isPlainObject(params)) {
    problems.add(paramsPath, 'is required and must be a mapping with at least `model: <provider>/<model>`');
    return undefined;
  }
  const model = params.model;
  let provider: ProviderKind | undefined;
  let upstreamModel = '';
  if (typeof model !== 'string' || !model.includes('/')) {
    problems.add(
      joinPath(paramsPath, 'model'),
      `must be "<provider>/<model>", e.g. "openai/gpt-4o-mini"; providers: ${PROVIDER_KINDS.join(', ')}`,
    );
  } else {
    const slash = model.indexOf('/');
    const prefix = model.slice(0, slash);
    upstreamModel = model.slice(slash + 1);
    if (!(PROVIDER_KINDS as readonly string[]).includes(prefix)) {
      problems.add(
        joinPath(paramsPath, 'model'),
        `unknown provider "${prefix}"; use one of: ${PROVIDER_KINDS.join(', ')}`,
      );
    } else {
      provider = prefix as ProviderKind;
    }
  }
  const str = (key: string): string | undefined => optionalString(params[key], joinPath(paramsPath, key), problems);
  const fromEnv = (key: 'api_key' | 'api_base' | 'api_version'): string | undefined =>
    provider === undefined
      ? undefined
      : (MODEL_ENV[provider][key] ?? []).map((name) => nonEmpty(env[name])).find(Boolean);
  const ownApiBase = str('api_base');
  const apiBase = ownApiBase ?? fromEnv('api_base');
  // A provider's key goes only to that provider: an openai/ entry pointed at another server (vLLM, Groq) by its own
  // api_base does not get OPENAI_API_KEY. Azure entries always name their own resource.
  const apiKey = str('api_key') ?? (ownApiBase === undefined || provider === 'azure' ? fromEnv('api_key') : undefined);
  const apiVersion = str('api_version') ?? fromEnv('api_version');
  const mockResponse = str('mock_response');
  const timeoutMs = optionalSeconds(
    params.timeout ?? params.request_timeout,
    joinPath(paramsPath, 'timeout'),
    problems,
  );
  const extraHeaders = params.extra_headers ?? {};
  if (!isPlainObject(extraHeaders) || Object.values(extraHeaders).some((v) => typeof v !== 'string')) {
    problems.add(joinPath(paramsPath, 'extra_headers'), 'must be a mapping of header names to strings');
  }
  if (provider === 'azure') {
    if (!apiBase) {
      problems.add(
        joinPath(paramsPath, 'api_base'),
        'is required for azure/ models (https://<resource>.openai.azure.com)',
      );
    }
    if (!apiVersion) {
      problems.add(joinPath(paramsPath, 'api_version'), 'is required for azure/ models, e.g. "2024-10-21"');
    }
  }
  if (apiBase !== undefined && !isHttpUrl(apiBase)) {
    problems.add(joinPath(paramsPath, 'api_base'), `must be an http(s) URL (got ${JSON.stringify(apiBase)})`);
  }
  if (problems.items.length > before || !provider) {
    return undefined;
  }
  return {
    id: `${modelName as string}#${index}`,
    modelName: modelName as string,
    provider,
    upstreamModel,
    apiKey,
    apiBase: apiBase?.replace(/\/+$/, ''),
    apiVersion,
    timeoutMs,
    mockResponse,
    extraHeaders: extraHeaders as Record<string, string>,
  };
}

function parseGuardrails(value: unknown, problems: ProblemList, env: Env, warnings: string[]): GuardrailDefinition[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add('guardrails', 'must be a list of guardrail entries');
    return [];
  }
  const guardrails: GuardrailDefinition[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const path = joinPath('guardrails', index);
    const definition = parseGuardrailEntry(entry, path, problems, env, warnings);
    if (!definition) {
      return;
    }
    if (seen.has(definition.name)) {
      problems.add(
        joinPath(path, 'guardrail_name'),
        `duplicate name "${definition.name}"; guardrail names must be unique`,
      );
      return;
    }
    seen.add(definition.name);
    guardrails.push(definition);
  });
  return guardrails;
}

function parseGeneralSettings(value: unknown, problems: ProblemList, env: Env): GeneralSettings {
  const settings = value ?? {};
  const general: GeneralSettings = {
    maxRequestBodyBytes: DEFAULTS.maxRequestBodyBytes,
    violationExcerpt: 'redacted',
    databaseUrl: nonEmpty(env.DATABASE_URL),
    masterKey: nonEmpty(env.WARDEN_MASTER_KEY) ?? nonEmpty(env.LITELLM_MASTER_KEY),
    saltKey: nonEmpty(env.WARDEN_SALT_KEY) ?? nonEmpty(env.LITELLM_SALT_KEY),
    previousSaltKey: nonEmpty(env.WARDEN_PREVIOUS_SALT_KEY),
    vendorHttp: {
      connectionsPerOrigin: DEFAULTS.vendorConnectionsPerOrigin,
      keepAliveTimeoutMs: DEFAULTS.vendorKeepAliveTimeoutMs,
    },
    verdictCache: {
      maxEntries: DEFAULTS.guardrailCacheMaxEntries,
      maxBytes: DEFAULTS.guardrailCacheMaxMb * 1024 * 1024,
    },
  };
  if (!isPlainObject(settings)) {
    problems.add('general_settings', 'must be a mapping');
    return general;
  }
  general.masterKey = optionalString(settings.master_key, 'general_settings.master_key', problems) ?? general.masterKey;
  general.saltKey = optionalString(settings.salt_key, 'general_settings.salt_key', problems) ?? general.saltKey;
  if (general.saltKey !== undefined && general.saltKey.length < MIN_SALT_KEY_LENGTH) {
    problems.add(
      'general_settings.salt_key',
      `must be at least ${MIN_SALT_KEY_LENGTH} characters (a random string, e.g. \`openssl rand -base64 32\`)`,
    );
  }
  general.previousSaltKey =
    optionalString(settings.previous_salt_key, 'general_settings.previous_salt_key', problems) ??
    general.previousSaltKey;
  if (general.previousSaltKey !== undefined) {
    if (general.saltKey === undefined) {
      problems.add(
        'general_settings.previous_salt_key',
        'is read only while rotating: set salt_key (or WARDEN_SALT_KEY) to the new key as well',
      );
    } else if (general.previousSaltKey === general.saltKey) {
      problems.add('general_settings.previous_salt_key', 'is the same as salt_key: set salt_key to the new key');
    }
  }
  general.databaseUrl =
    optionalString(settings.database_url, 'general_settings.database_url', problems) ?? general.databaseUrl;
  if (settings.max_request_size_mb !== undefined) {
    const mb = settings.max_request_size_mb;
    if (typeof mb !== 'number' || !(mb > 0)) {
      problems.add('general_settings.max_request_size_mb', 'must be a positive number of megabytes');
    } else {
      general.maxRequestBodyBytes = Math.floor(mb * 1024 * 1024);
    }
  }
  if (settings.violation_excerpt !== undefined) {
    if (!(EXCERPT_POLICIES as readonly unknown[]).includes(settings.violation_excerpt)) {
      problems.add('general_settings.violation_excerpt', `must be one of ${EXCERPT_POLICIES.join(', ')}`);
    } else {
      general.violationExcerpt = settings.violation_excerpt as ExcerptPolicy;
    }
  }
  const whole = (key: string, fallback: number, max: number): number => {
    const value = settings[key];
    if (value === undefined) {
      return fallback;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
      problems.add(`general_settings.${key}`, `must be a whole number from 1 to ${max}`);
      return fallback;
    }
    return value;
  };
  general.vendorHttp = {
    connectionsPerOrigin: whole('vendor_connections_per_origin', DEFAULTS.vendorConnectionsPerOrigin, 10_000),
    keepAliveTimeoutMs: whole('vendor_keep_alive_timeout_ms', DEFAULTS.vendorKeepAliveTimeoutMs, 600_000),
  };
  general.verdictCache = {
    maxEntries: whole('guardrail_cache_max_entries', DEFAULTS.guardrailCacheMaxEntries, 10_000_000),
    maxBytes: whole('guardrail_cache_max_mb', DEFAULTS.guardrailCacheMaxMb, 65_536) * 1024 * 1024,
  };
  return general;
}

function parseRouterSettings(
  value: unknown,
  litellm: unknown,
  problems: ProblemList,
  warnings: string[],
): RouterSettings {
  const router: RouterSettings = {
    numRetries: DEFAULTS.numRetries,
    timeoutMs: DEFAULTS.timeoutMs,
    retryBackoffMs: DEFAULTS.retryBackoffMs,
    fallbacks: {},
  };
  // LiteLLM's docs often put these under litellm_settings; router_settings wins when both are set.
  const sources: Array<[string, unknown]> = [
    ['litellm_settings', litellm],
    ['router_settings', value],
  ];
  for (const [section, settings] of sources) {
    if (settings === undefined || settings === null) {
      continue;
    }
    if (!isPlainObject(settings)) {
      problems.add(section, 'must be a mapping');
      continue;
    }
    if (settings.num_retries !== undefined) {
      if (!Number.isInteger(settings.num_retries) || (settings.num_retries as number) < 0) {
        problems.add(`${section}.num_retries`, 'must be a whole number >= 0');
      } else {
        router.numRetries = settings.num_retries as number;
      }
    }
    const timeout = settings.timeout ?? settings.request_timeout;
    const timeoutMs = optionalSeconds(timeout, `${section}.timeout`, problems);
    if (timeoutMs !== undefined) {
      router.timeoutMs = timeoutMs;
    }
    const retryAfter = optionalSeconds(settings.retry_after, `${section}.retry_after`, problems, true);
    if (retryAfter !== undefined) {
      router.retryBackoffMs = retryAfter;
    }
    if (settings.fallbacks !== undefined) {
      router.fallbacks = {
        ...router.fallbacks,
        ...parseFallbacks(settings.fallbacks, `${section}.fallbacks`, problems),
      };
    }
    for (const key of Object.keys(settings)) {
      if (!['num_retries', 'timeout', 'request_timeout', 'retry_after', 'fallbacks'].includes(key)) {
        warnings.push(`${section}.${key} is not used by Warden and was ignored`);
      }
    }
  }
  return router;
}

/** LiteLLM form: `[{"gpt-4o": ["gpt-4o-mini"]}, ...]`; a single mapping is accepted too. */
function parseFallbacks(value: unknown, path: string, problems: ProblemList): Record<string, string[]> {
  const entries = Array.isArray(value) ? value : [value];
  const fallbacks: Record<string, string[]> = {};
  entries.forEach((entry: unknown, index) => {
    const entryPath = Array.isArray(value) ? joinPath(path, index) : path;
    if (!isPlainObject(entry)) {
      problems.add(entryPath, 'must be a mapping like {"gpt-4o": ["gpt-4o-mini"]}');
      return;
    }
    for (const [model, targets] of Object.entries(entry)) {
      const list = typeof targets === 'string' ? [targets] : targets;
      if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) {
        problems.add(joinPath(entryPath, model), 'must be a list of model names');
        continue;
      }
      fallbacks[model] = list as string[];
    }
  });
  return fallbacks;
}

function optionalString(value: unknown, path: string, problems: ProblemList): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value !== 'string') {
    problems.add(path, `must be a string (got ${Array.isArray(value) ? 'a list' : typeof value})`);
    return undefined;
  }
  return value;
}

function optionalSeconds(value: unknown, path: string, problems: ProblemList, allowZero = false): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || (!allowZero && seconds === 0)) {
    problems.add(path, 'must be a positive number of seconds');
    return undefined;
  }
  return Math.round(seconds * 1000);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) {
      deepFreeze(item);
    }
  }
  return value;
}
