import type { EndpointName, GuardrailMode, ViolationAction } from './vocabulary';

/** Shapes of the admin API's answers (README, "Admin API"). */

export type LitellmParams = Record<string, unknown>;

/** A config.yaml `guardrails:` entry: what POST takes, and PATCH merges. */
export interface GuardrailEntry {
  guardrail_name?: string;
  litellm_params?: Record<string, unknown>;
}

export interface Guardrail {
  id: string;
  guardrail_name: string;
  litellm_params: LitellmParams;
  enabled: boolean;
  source: 'config' | 'api';
  created_at: string;
  updated_at: string;
}

export interface Finding {
  detector: string;
  type: string;
  count: number;
  score?: number;
  rule_id?: string;
}

export interface TestRequest {
  messages: { role: string; content: string }[];
  response?: string;
  mode?: GuardrailMode;
}

export interface TestResult {
  guardrail_name: string;
  mode: GuardrailMode;
  outcome: 'pass' | 'flagged' | 'error';
  decision: 'pass' | 'block' | 'mask' | 'monitor' | 'allow_error' | 'unavailable';
  findings: Finding[];
  vendor_response?: unknown;
  rewrite?: { messages?: { role: string; content?: unknown }[]; response?: string };
  error?: string;
  latency_ms: number;
}

export interface Violation {
  id: string;
  occurred_at: string;
  request_id: string;
  guardrail_name: string;
  provider: string;
  mode: GuardrailMode;
  action: ViolationAction;
  model: string;
  endpoint: EndpointName;
  caller_key_alias: string;
  key_team: string | null;
  findings: Finding[];
  vendor_response: unknown;
  excerpt: string | null;
  latency_ms: number;
}

export interface ViolationPage {
  data: Violation[];
  total: number;
  limit: number;
  offset: number;
  next_cursor: string | null;
}

export interface ViolationStats {
  from: string;
  to: string;
  total: number;
  by_guardrail: { guardrail_name: string; count: number }[];
  by_action: Record<ViolationAction, number>;
  by_endpoint: Record<EndpointName, number>;
  by_day: { day: string; count: number }[];
  by_day_by_guardrail: { day: string; guardrail_name: string; count: number }[];
}

/** Filters of GET /admin/violations; `from` and `to` are ISO 8601 times. */
export interface ViolationFilters {
  guardrail?: string;
  action?: ViolationAction;
  model?: string;
  endpoint?: EndpointName;
  key_alias?: string;
  team?: string;
  from?: string;
  to?: string;
}

/** A virtual key as the admin API shows it (never the secret). */
export interface VirtualKey {
  id: string;
  key_alias: string;
  key_name: string;
  team: string | null;
  models: string[];
  guardrails: string[];
  guardrail_status: { name: string; status: 'active' | 'disabled' | 'deleted' }[];
  allow_request_guardrails: boolean;
  metadata: Record<string, unknown>;
  enabled: boolean;
  expires_at: string | null;
  expired: boolean;
  created_at: string;
  updated_at: string;
}

/** Create and regenerate answer with the secret, this once. */
export interface CreatedVirtualKey extends VirtualKey {
  key: string;
}

export interface VirtualKeyInput {
  key_alias?: string;
  team?: string | null;
  models?: string[];
  guardrails?: string[];
  allow_request_guardrails?: boolean;
  metadata?: Record<string, unknown>;
  expires_at?: string | null;
}
