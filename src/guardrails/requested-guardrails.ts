/** The guardrails a request names, with the optional per-guardrail `extra_body` for the vendor call. */
export type RequestedGuardrails = ReadonlyMap<string, Record<string, unknown> | undefined>;
