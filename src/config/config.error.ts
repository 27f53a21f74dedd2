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
    super(`${source} is invalid:\n${problems.map((p) => `  - ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Collects problems while a config is validated, each with its YAML path. */
export class ProblemList {
  readonly items: ConfigProblem[] = [];

  add(path: string, message: string): void {
    this.items.push({ path, message });
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
