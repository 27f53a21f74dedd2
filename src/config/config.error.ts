/** One problem in config.yaml: where it is and what to do about it. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** Thrown once with every problem found, so the operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly source = 'config.yaml',
  ) {
    super(`${source} is invalid:\n${problems.map(renderProblem).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `  - path: message`; the lines after a message's first (a YAML excerpt) are indented under it. */
function renderProblem(problem: ConfigProblem): string {
  const text = `${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
  return `  - ${text.split('\n').join('\n      ')}`;
}

/**
 * Collects problems while a config is validated, each with its YAML path. A value that could not be resolved (an
 * environment variable that is not set) is reported once: later problems at the same path would only repeat it
 * ("api_key is required").
 */
export class ProblemList {
  readonly items: ConfigProblem[] = [];
  private readonly unresolved = new Set<string>();

  add(path: string, message: string): void {
    if (this.unresolved.has(path)) {
      return;
    }
    this.items.push({ path, message });
  }

  /** Reports a value that could not be resolved; other problems at this path are then left out. */
  addUnresolved(path: string, message: string): void {
    this.add(path, message);
    this.unresolved.add(path);
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${base}[${key}]`;
  }
  return base ? `${base}.${key}` : key;
}
