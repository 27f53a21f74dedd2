import type { Finding, Verdict } from '../guardrail.types';

export type ErrorVerdict = Extract<Verdict, { outcome: 'error' }>;

const MAX_DETAIL_LENGTH = 200;

export function errorVerdict(message: string, details: { status?: number; code?: string } = {}): ErrorVerdict {
  return {
    outcome: 'error',
    message,
    ...(details.status !== undefined ? { status: details.status } : {}),
    ...(details.code !== undefined ? { code: details.code } : {}),
  };
}

/**
 * A call that never produced an answer: aborted by the runner (timeout, client gone) or failed on the network.
 * The abort check comes first because HTTP clients report an abort as many different errors.
 */
export function failedCallVerdict(vendor: string, error: unknown, signal: AbortSignal): ErrorVerdict {
  if (signal.aborted || errorName(error) === 'AbortError' || errorName(error) === 'CanceledError') {
    const reason = describeReason(signal.reason);
    return errorVerdict(`${vendor} call aborted${reason ? `: ${reason}` : ''}`, { code: 'ABORTED' });
  }
  const code = errorCode(error) ?? 'NETWORK_ERROR';
  const message = error instanceof Error && error.message !== '' ? error.message.split('\n')[0] : code;
  return errorVerdict(`${vendor} call failed: ${message}`, { code });
}

/** A 2xx answer Warden cannot read: not JSON, or JSON without the fields the decision needs. */
export function invalidResponseVerdict(vendor: string, what: string, status = 200): ErrorVerdict {
  return errorVerdict(`${vendor} answered ${what}`, { status, code: 'INVALID_RESPONSE' });
}

/** The last line of defence behind "vendors never throw": a bug in a vendor file becomes an error verdict. */
export async function neverThrow(vendor: string, run: () => Promise<Verdict>): Promise<Verdict> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return errorVerdict(`${vendor} guardrail failed unexpectedly: ${message}`, { code: 'INTERNAL' });
  }
}

/** A non-2xx answer. The vendor's own error text is kept short: it goes into logs and violation rows. */
export function httpStatusVerdict(vendor: string, status: number, json: unknown, text: string): ErrorVerdict {
  const detail = vendorErrorDetail(json) ?? text.trim();
  const suffix = detail ? `: ${truncate(detail)}` : '';
  return errorVerdict(`${vendor} answered HTTP ${status}${suffix}`, { status });
}

/** Counts findings by detector and type, keeping first-seen order. */
export function tallyFindings(items: Array<Omit<Finding, 'count'>>): Finding[] {
  const tally = new Map<string, Finding>();
  for (const item of items) {
    const key = `${item.detector}\u0000${item.type}\u0000${item.ruleId ?? ''}`;
    const existing = tally.get(key);
    if (existing) {
      existing.count += 1;
    } else {
      tally.set(key, { ...item, count: 1 });
    }
  }
  return [...tally.values()];
}

export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function describeReason(reason: unknown): string | undefined {
  if (reason instanceof Error) {
    return reason.message || reason.name;
  }
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
}

function vendorErrorDetail(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) {
    return undefined;
  }
  const body = json as Record<string, unknown>;
  for (const key of ['message', 'detail', 'error']) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}
