import { isPlainObject } from '../config/config.env';
import { WardenError } from '../common/warden.error';
import type { RequestedGuardrails } from '../guardrails/requested-guardrails';

/** Fields that steer Warden and never reach an upstream, on every endpoint. */
const WARDEN_FIELDS: ReadonlySet<string> = new Set(['guardrails', 'disable_global_guardrail', 'guardrail_config']);

/** What a body says to Warden, and the body without it (`metadata.guardrails` removed too). */
export interface WardenFields {
  requestedGuardrails: RequestedGuardrails;
  upstreamBody: Record<string, unknown>;
}

export function splitWardenFields(body: Record<string, unknown>): WardenFields {
  const requestedGuardrails = readRequestedGuardrails(body);
  const upstreamBody: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!WARDEN_FIELDS.has(key)) {
      upstreamBody[key] = value;
    }
  }
  if (isPlainObject(body.metadata) && 'guardrails' in body.metadata) {
    const { guardrails: _guardrails, ...metadata } = body.metadata;
    upstreamBody.metadata = metadata;
  }
  return { requestedGuardrails, upstreamBody };
}

/**
 * Accepts `["a", "b"]`, `[{"a": {"extra_body": {...}}}]`, `{"a": {...}}`, in the body or in `metadata.guardrails`.
 */
function readRequestedGuardrails(body: Record<string, unknown>): RequestedGuardrails {
  const requested = new Map<string, Record<string, unknown> | undefined>();
  const sources: Array<[string, unknown]> = [
    ['guardrails', body.guardrails],
    ['metadata.guardrails', isPlainObject(body.metadata) ? body.metadata.guardrails : undefined],
  ];
  for (const [param, value] of sources) {
    if (value === undefined || value === null) {
      continue;
    }
    const entries = Array.isArray(value) ? value : [value];
    for (const entry of entries) {
      if (typeof entry === 'string') {
        requested.set(entry, undefined);
      } else if (isPlainObject(entry)) {
        for (const [name, options] of Object.entries(entry)) {
          const extra = isPlainObject(options) && isPlainObject(options.extra_body) ? options.extra_body : undefined;
          requested.set(name, extra);
        }
      } else {
        throw WardenError.invalidRequest(
          `${param} must be a list of guardrail names or {"name": {"extra_body": {...}}} entries`,
          param,
        );
      }
    }
  }
  return requested;
}
