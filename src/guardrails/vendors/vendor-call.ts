import { failedCallVerdict, httpStatusVerdict, invalidResponseVerdict, type ErrorVerdict } from './vendor-verdicts';
import { isRecord } from './vendor-params';
import type { VendorHttpClient } from './vendor.contract';

export type VendorAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; verdict: ErrorVerdict };

/**
 * POSTs a JSON request and accepts only a 2xx JSON object back; everything else (rejection, abort, non-2xx,
 * non-JSON, a JSON array or scalar) comes back as an error verdict. Never throws.
 */
export async function postToVendor(
  http: VendorHttpClient,
  vendor: string,
  url: string,
  body: unknown,
  options: { headers: Record<string, string>; signal: AbortSignal },
): Promise<VendorAnswer> {
  try {
    const response = await http.postJson(url, body, options);
    if (response.status < 200 || response.status >= 300) {
      return { ok: false, verdict: httpStatusVerdict(vendor, response.status, response.json, response.text) };
    }
    if (!isRecord(response.json)) {
      const what = response.json === undefined ? 'a non-JSON body' : 'JSON that is not an object';
      return { ok: false, verdict: invalidResponseVerdict(vendor, what, response.status) };
    }
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
 * The client's `extra_body` under the request Warden builds: extra fields are added or override config-driven
 * options, but never the fields that carry the screened content (`protectedKeys`).
 */
export function withExtraBody(
  built: Record<string, unknown>,
  extraBody: Record<string, unknown> | undefined,
  protectedKeys: readonly string[],
): Record<string, unknown> {
  if (!extraBody) {
    return built;
  }
  const extra = Object.fromEntries(
    Object.entries(extraBody).filter(([key]) => !UNSAFE_KEYS.has(key) && !protectedKeys.includes(key)),
  );
  return { ...built, ...extra };
}
