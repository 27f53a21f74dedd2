import { joinPath, type ProblemList } from './config.error';

const ENV_PREFIX = 'os.environ/';

/**
 * Replaces every string `os.environ/NAME` with the variable's value, anywhere in the tree.
 * A missing variable is reported with the YAML path that referenced it.
 */
export function resolveEnvReferences(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  problems: ProblemList,
  path = '',
): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(ENV_PREFIX)) {
      return value;
    }
    const name = value.slice(ENV_PREFIX.length).trim();
    const resolved = env[name];
    if (resolved === undefined) {
      problems.addUnresolved(
        path,
        `environment variable ${name} is not set (referenced as "${value}"); export ${name} or write the value in the file`,
      );
      return undefined;
    }
    return resolved;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => resolveEnvReferences(item, env, problems, joinPath(path, index)));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = resolveEnvReferences(item, env, problems, joinPath(path, key));
    }
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
