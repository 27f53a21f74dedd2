import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Guardrail, GuardrailDefinition } from '../guardrail.types';

export interface VendorHttpResponse {
  status: number;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  json: unknown;
  text: string;
  headers: Record<string, string>;
}

/**
 * The one pooled, keep-alive HTTP client all vendor files share (one pool per vendor origin). `json` is the request
 * body already serialized. Rejects on network errors and on abort.
 */
export interface VendorHttpClient {
  postJson(
    url: string,
    json: string,
    options: { headers?: Record<string, string>; signal: AbortSignal },
  ): Promise<VendorHttpResponse>;
}

/** Keep-alive node:http agents for vendors reached through an SDK (Bedrock), bounded like the vendor pools. */
export interface NodeKeepAliveAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

export interface VendorDeps {
  http: VendorHttpClient;
  /** Shared keep-alive agents for SDK-based vendors; without them such a vendor keeps agents of its own. */
  nodeAgents?: NodeKeepAliveAgents;
}

/**
 * One entry of the vendor registry. `validate` reports problems in the provider-specific params
 * as `[key, message]` pairs; the config loader and the admin API prefix the key with its path.
 */
export interface GuardrailFactory {
  /** The vendor file reads `context.cache` (an HTTP vendor): `cache_ttl_seconds` is accepted for it. */
  readonly cacheable?: boolean;
  validate(
    params: Readonly<Record<string, unknown>>,
    definition: Omit<GuardrailDefinition, 'params'>,
  ): Array<[string, string]>;
  create(definition: GuardrailDefinition, deps: VendorDeps): Guardrail;
}
