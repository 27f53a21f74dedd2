import { isRecord } from '../vendor-params';
import {
  errorName,
  errorVerdict,
  failedCallVerdict,
  invalidResponseVerdict,
  type ErrorVerdict,
} from '../vendor-verdicts';

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
