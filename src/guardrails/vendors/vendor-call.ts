import { failedCallVerdict, httpStatusVerdict, invalidResponseVerdict, type ErrorVerdict } from './vendor-verdicts';
import { isRecord } from './vendor-params';
import type { AnswerCache } from '../guardrail.types';
import type { VendorHttpClient } from './vendor.contract';

export type VendorAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; verdict: ErrorVerdict };

/**
 * POSTs a JSON request and accepts only a 2xx JSON object back; everything else (rejection, abort, non-2xx,
 * non-JSON, a JSON array or scalar) comes back as an error verdict. Never throws. With `cache` (the guardrail has
 * `cache_ttl_seconds`), an identical earlier request's answer is reused without a call, and a 2xx JSON answer is
 * offered to it (the runner keeps it only if the verdict is definitive).
 */
export async function postToVendor(
  http: VendorHttpClient,
  vendor: string,
  url: string,
  body: unknown,
  options: { headers: Record<string, string>; signal: AbortSignal; cache?: AnswerCache },
): Promise<VendorAnswer> {
  const json = JSON.stringify(body);
  const { cache } = options;
  const request = cache === undefined ? '' : `${url}\n${json}`;
  const cached = cache?.get(request);
  if (cached !== undefined) {
    return { ok: true, body: JSON.parse(cached) as Record<string, unknown> };
  }
  try {
    const response = await http.postJson(url, json, options);
    if (response.status < 200 || response.status >= 300) {
      return { ok: false, verdict: httpStatusVerdict(vendor, response.status, response.json, response.text) };
    }
    if (!isRecord(response.json)) {
      const what = response.json === undefined ? 'a non-JSON body' : 'JSON that is not an object';
      return { ok: false, verdict: invalidResponseVerdict(vendor, what, response.status) };
    }
    cache?.offer(request, response.text);
    return { ok: true, body: response.json };
  } catch (error) {
    return { ok: false, verdict: failedCallVerdict(vendor, error, options.signal) };
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The client's `extra_body` under the request Warden builds: it can only add. A field Warden set (the screened
 * content, or an option the operator configured such as Lakera's `project_id`) is never replaced, and an object
 * Warden set (`metadata`) only gains the keys it did not have, so a client can tag its calls but not change the
 * policy they are checked against. `protectedKeys` are never taken from the client, even where Warden set nothing.
 */
export function withExtraBody(
  built: Record<string, unknown>,
  extraBody: Record<string, unknown> | undefined,
  protectedKeys: readonly string[],
): Record<string, unknown> {
  if (!extraBody) {
    return built;
  }
  const merged: Record<string, unknown> = { ...built };
  for (const [key, value] of Object.entries(extraBody)) {
    if (UNSAFE_KEYS.has(key) || protectedKeys.includes(key)) {
      continue;
    }
    const own = built[key];
    if (own === undefined) {
      merged[key] = value;
    } else if (isRecord(own) && isRecord(value)) {
      merged[key] = { ...withoutUnsafeKeys(value), ...own };
    }
  }
  return merged;
}

function withoutUnsafeKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !UNSAFE_KEYS.has(key)));
}
