import type { Guardrail, GuardrailDefinition } from '../guardrail.types';

export interface VendorHttpResponse {
  status: number;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  json: unknown;
  text: string;
  headers: Record<string, string>;
}

/** The one pooled, keep-alive HTTP client all vendor files share. Rejects on network errors and on abort. */
export interface VendorHttpClient {
  postJson(
    url: string,
    body: unknown,
    options: { headers?: Record<string, string>; signal: AbortSignal },
  ): Promise<VendorHttpResponse>;
}

export interface VendorDeps {
  http: VendorHttpClient;
}

/**
 * One entry of the vendor registry. `validate` reports problems in the provider-specific params
 * as `[key, message]` pairs; the config loader and the admin API prefix the key with its path.
 */
export interface GuardrailFactory {
  validate(
    params: Readonly<Record<string, unknown>>,
    definition: Omit<GuardrailDefinition, 'params'>,
  ): Array<[string, string]>;
  create(definition: GuardrailDefinition, deps: VendorDeps): Guardrail;
}
