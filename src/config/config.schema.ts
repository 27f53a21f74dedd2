import type { GuardrailDefinition } from '../guardrails/guardrail.types';

export const PROVIDER_KINDS = ['openai', 'azure', 'anthropic', 'mock'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const EXCERPT_POLICIES = ['redacted', 'full', 'none'] as const;
export type ExcerptPolicy = (typeof EXCERPT_POLICIES)[number];

/** One `model_list` entry: a deployment of a public model name on one upstream. */
export interface ModelDeployment {
  /** `<model_name>#<index in model_list>`: stable, unique, safe to log. */
  id: string;
  modelName: string;
  provider: ProviderKind;
  /** The model name the upstream knows (after the `<provider>/` prefix). */
  upstreamModel: string;
  apiKey?: string;
  apiBase?: string;
  apiVersion?: string;
  timeoutMs?: number;
  mockResponse?: string;
  /** Extra headers sent upstream (`litellm_params.extra_headers`). */
  extraHeaders: Readonly<Record<string, string>>;
}

export interface RouterSettings {
  numRetries: number;
  timeoutMs: number;
  /** Minimum wait before a retry; doubled per attempt. */
  retryBackoffMs: number;
  fallbacks: Readonly<Record<string, readonly string[]>>;
}

export interface GeneralSettings {
  masterKey?: string;
  /** Encrypts guardrail secrets stored in the database (AES-256-GCM); unset: they are stored as given. */
  saltKey?: string;
  /** During a rotation: the salt key the secrets were stored with; they are sealed again under `saltKey` at start. */
  previousSaltKey?: string;
  databaseUrl?: string;
  maxRequestBodyBytes: number;
  violationExcerpt: ExcerptPolicy;
  /** Keep-alive pools for vendor guardrail calls: one per vendor origin, shared by every guardrail calling it. */
  vendorHttp: VendorHttpSettings;
  /** Bounds of the verdict cache that guardrails with `cache_ttl_seconds` use (one per process). */
  verdictCache: VerdictCacheSettings;
}

export interface VendorHttpSettings {
  /** `general_settings.vendor_connections_per_origin`: calls past it queue for a free connection. */
  connectionsPerOrigin: number;
  /** `general_settings.vendor_keep_alive_timeout_ms`: how long an idle vendor connection stays open. */
  keepAliveTimeoutMs: number;
}

export interface VerdictCacheSettings {
  /** `general_settings.guardrail_cache_max_entries` */
  maxEntries: number;
  /** `general_settings.guardrail_cache_max_mb`, in bytes. */
  maxBytes: number;
}

/** config.yaml after env resolution and validation: typed, frozen, the only view of the file the app gets. */
export interface WardenConfig {
  source: string;
  models: readonly ModelDeployment[];
  guardrails: readonly GuardrailDefinition[];
  general: GeneralSettings;
  router: RouterSettings;
  /** Keys Warden read but does not act on, reported once at startup. */
  warnings: readonly string[];
}

export const DEFAULTS = {
  numRetries: 0,
  timeoutMs: 600_000,
  retryBackoffMs: 100,
  maxRequestBodyBytes: 10 * 1024 * 1024,
  guardrailTimeoutMs: 5000,
  vendorConnectionsPerOrigin: 128,
  vendorKeepAliveTimeoutMs: 30_000,
  guardrailCacheMaxEntries: 10_000,
  guardrailCacheMaxMb: 16,
} as const;
