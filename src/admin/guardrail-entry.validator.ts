import { ProblemList } from '../config/config.error';
import { isPlainObject } from '../config/config.env';
import { parseGuardrailEntry } from '../config/guardrail-config.parser';
import type { GuardrailDefinition } from '../guardrails/guardrail.types';
import { invalidFields } from './invalid-fields.error';
import { maskedLookingSecretPaths } from './secret-mask.util';

const ENV_REFERENCE = 'os.environ/';
const ENV_REFERENCE_REFUSED =
  'environment references are resolved only in config.yaml; send the value itself (it is stored and only ever shown masked)';
const MASKED_SECRET_REFUSED =
  'looks like a masked secret; send the real value (or send the masked value unchanged in a PATCH to keep the stored one)';

/**
 * Validates an entry with config.yaml's own parser (provider-specific params included), so the API and the file
 * accept exactly the same guardrails. The API does not read the gateway's environment: `os.environ/` references
 * are refused, as are masked values sent as new secrets. Throws a 400 naming every failing field.
 */
export function validateGuardrailEntry(entry: Readonly<Record<string, unknown>>): GuardrailDefinition {
  const problems = new ProblemList();
  for (const path of envReferencePaths(entry, '')) {
    problems.add(path, ENV_REFERENCE_REFUSED);
  }
  const params = entry.litellm_params;
  if (isPlainObject(params)) {
    for (const path of maskedLookingSecretPaths(params, 'litellm_params')) {
      problems.add(path, MASKED_SECRET_REFUSED);
    }
  }
  const definition = parseGuardrailEntry(entry, '', problems, {});
  if (!definition || !problems.isEmpty) {
    throw invalidFields('guardrail', problems.items);
  }
  return definition;
}

function envReferencePaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') {
    return value.startsWith(ENV_REFERENCE) ? [path] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => envReferencePaths(item, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => envReferencePaths(item, path ? `${path}.${key}` : key));
  }
  return [];
}
