import type { Finding } from '../guardrail.types';
import { isRecord } from './vendor-params';
import {
  errorName,
  errorVerdict,
  failedCallVerdict,
  invalidResponseVerdict,
  tallyFindings,
  type ErrorVerdict,
} from './vendor-verdicts';

/** Where each assessment lists its items, and what names an item's type (never its `match`, the flagged text). */
const ASSESSMENT_ITEMS: ReadonlyArray<{
  policy: string;
  list: string;
  type: (item: Record<string, unknown>) => unknown;
}> = [
  { policy: 'topicPolicy', list: 'topics', type: (item) => item.name },
  { policy: 'contentPolicy', list: 'filters', type: (item) => item.type },
  { policy: 'wordPolicy', list: 'customWords', type: () => 'CUSTOM_WORD' },
  { policy: 'wordPolicy', list: 'managedWordLists', type: (item) => item.type },
  { policy: 'sensitiveInformationPolicy', list: 'piiEntities', type: (item) => item.type },
  { policy: 'sensitiveInformationPolicy', list: 'regexes', type: (item) => item.name ?? 'REGEX' },
  { policy: 'contextualGroundingPolicy', list: 'filters', type: (item) => item.type },
];

/** One finding per policy and type that acted (or detected), counted across all assessments. */
export function bedrockFindings(assessments: unknown): Finding[] {
  const items: Array<Omit<Finding, 'count'>> = [];
  for (const assessment of Array.isArray(assessments) ? assessments : []) {
    if (!isRecord(assessment)) {
      continue;
    }
    for (const { policy, list, type } of ASSESSMENT_ITEMS) {
      const section = assessment[policy];
      const entries: unknown[] = isRecord(section) && Array.isArray(section[list]) ? section[list] : [];
      for (const entry of entries) {
        if (isRecord(entry) && acted(entry)) {
          const name = type(entry);
          items.push({ detector: `bedrock.${policy}`, type: typeof name === 'string' ? name : list });
        }
      }
    }
  }
  return items.length > 0 ? tallyFindings(items) : [{ detector: 'bedrock', type: 'GUARDRAIL_INTERVENED', count: 1 }];
}

function acted(entry: Record<string, unknown>): boolean {
  return entry.detected === true || (typeof entry.action === 'string' && entry.action !== 'NONE');
}

/**
 * An SDK failure. Service exceptions carry the AWS error code as their name (`ThrottlingException`) and the HTTP
 * status in `$metadata`; a 2xx the SDK could not deserialize is an invalid answer; anything else (abort, socket
 * error) is a failed call.
 */
export function sdkErrorVerdict(vendor: string, error: unknown, signal: AbortSignal): ErrorVerdict {
  const name = errorName(error);
  const status = httpStatusOf(error);
  if (signal.aborted || name === 'AbortError' || name === undefined) {
    return failedCallVerdict(vendor, error, signal);
  }
  if (status === undefined) {
    // No answer from AWS. A named SDK error (CredentialsProviderError) says more than a generic network code.
    const failed = failedCallVerdict(vendor, error, signal);
    return name === 'Error' ? failed : { ...failed, code: name };
  }
  // SDK messages can run to several lines of advice; the first one says what happened.
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
  if (status >= 200 && status < 300) {
    return invalidResponseVerdict(vendor, `a body the SDK could not read (${name}: ${message})`, status);
  }
  return errorVerdict(`${vendor} failed with ${name} (HTTP ${status})${message ? `: ${message}` : ''}`, {
    status,
    code: name,
  });
}

function httpStatusOf(error: unknown): number | undefined {
  if (!isRecord(error) || !isRecord(error.$metadata)) {
    return undefined;
  }
  const status = error.$metadata.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}
