/** The vocabulary of guardrails: shared by config, vendors, strategies and the violation log. */

export const GUARDRAIL_MODES = ['pre_call', 'during_call', 'post_call'] as const;
export type GuardrailMode = (typeof GUARDRAIL_MODES)[number];

export const ON_FLAGGED_ACTIONS = ['block', 'monitor'] as const;
export type OnFlagged = (typeof ON_FLAGGED_ACTIONS)[number];

export const ON_ERROR_POLICIES = ['block', 'allow'] as const;
export type OnError = (typeof ON_ERROR_POLICIES)[number];

export const GUARDRAIL_KINDS = [
  'lakera_v2',
  'lakera',
  'aporia',
  'bedrock',
  'pii',
  'secrets',
  'banned_keywords',
  'prompt_injection',
  'presidio',
  'openai_moderation',
  'azure/prompt_shield',
  'azure/text_moderations',
  'model_armor',
  'generic_guardrail_api',
] as const;
export type GuardrailKind = (typeof GUARDRAIL_KINDS)[number];

/** A text part of an OpenAI multi-part message; other part types (images, audio) are carried but never inspected. */
export interface ContentPart {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface ChatMessage {
  role: string;
  content?: string | ContentPart[] | null;
  [key: string]: unknown;
}

/** What a guardrail inspects. `response` is the assistant output, present only after the upstream answered. */
export interface GuardInput {
  messages: ChatMessage[];
  response?: string;
}

export interface GuardContext {
  mode: GuardrailMode;
  /** Aborted when the runner's timeout fires or the client goes away; vendors pass it to their HTTP call. */
  signal: AbortSignal;
  requestId: string;
  /** Extra vendor request fields sent by the client (`{"guardrails": {"name": {"extra_body": {...}}}}`). */
  extraBody?: Record<string, unknown>;
  /** Set when the guardrail has `cache_ttl_seconds`: the vendor's answers to identical requests, reused. */
  cache?: AnswerCache;
}

/**
 * The verdict cache as a vendor file sees it: `request` is exactly what would be sent (URL and serialized body),
 * `answer` the vendor's raw answer. A hit means no vendor call; an offered answer is kept only if the check ends in a
 * definitive verdict (the runner decides), never for errors or timeouts.
 */
export interface AnswerCache {
  get(request: string): string | undefined;
  offer(request: string, answer: string): void;
}

/** Why a guardrail flagged: which detector fired, on what, how sure. Never holds the flagged text itself. */
export interface Finding {
  detector: string;
  /** e.g. `EMAIL_ADDRESS`, `prompt_attack`, `OPENAI_API_KEY` */
  type: string;
  count: number;
  score?: number;
  ruleId?: string;
}

/** Content the guardrail wants sent on instead of the original (masking, Aporia `modify`). */
export interface Rewrite {
  messages?: ChatMessage[];
  response?: string;
}

/**
 * A guardrail's answer. Vendors return verdicts and never throw: a vendor failure is `{ outcome: 'error' }`,
 * and the runner applies `on_error` to it.
 */
export type Verdict =
  | { outcome: 'pass'; vendorResponse?: unknown }
  | {
      outcome: 'flagged';
      findings: Finding[];
      /** Sanitized vendor answer: shown in the block body and stored in the violation log (no PII payload). */
      vendorResponse: unknown;
      /** When set, the flag can be resolved by rewriting instead of blocking (only applied under on_flagged=block). */
      rewrite?: Rewrite;
      /**
       * Where the flagged text is, when the guardrail can tell: in the input messages or in the response. Absent when
       * it cannot tell or when both were flagged; the violation excerpt then shows both.
       */
      flaggedIn?: 'input' | 'response';
    }
  | { outcome: 'error'; message: string; status?: number; code?: string };

/** The validated definition of one guardrail, as written in config.yaml's `guardrails:` list. */
export interface GuardrailDefinition {
  name: string;
  kind: GuardrailKind;
  modes: readonly GuardrailMode[];
  onFlagged: OnFlagged;
  onError: OnError;
  defaultOn: boolean;
  timeoutMs: number;
  /** Every other key of `litellm_params` (api_key, api_base, provider options), env references already resolved. */
  params: Readonly<Record<string, unknown>>;
}

/** One guardrail vendor behind Warden's single extension point. */
export interface Guardrail {
  readonly definition: GuardrailDefinition;
  /** The key of the vendor answer inside the block body, e.g. `lakera_ai_response`. */
  readonly responseKey: string;
  /**
   * Set by the built-in detectors, whose check is synchronous work in this process: the runner calls them without a
   * timeout timer or an abort signal of their own, since neither could interrupt synchronous code.
   */
  readonly inProcess?: boolean;
  check(input: GuardInput, context: GuardContext): Promise<Verdict>;
  /** Releases what the instance holds (SDK clients, sockets) once the registry has replaced it. */
  dispose?(): void;
}
