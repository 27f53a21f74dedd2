import type { YAMLError } from 'yaml';
import type { ConfigProblem } from './config.error';

/** Lines of the file shown before the offending one, for context. */
const CONTEXT_LINES = 1;

/**
 * A YAML syntax error as one problem: where it is, what is wrong, and the offending line with a caret under the
 * column (the yaml library's own message ends with "at line 5, column 1:" and relies on an excerpt it prints after).
 * Errors after the first on one line are its echoes and are left out.
 */
export function yamlSyntaxProblems(text: string, errors: readonly YAMLError[]): ConfigProblem[] {
  const lines = text.split(/\r?\n/);
  const seen = new Set<number>();
  const problems: ConfigProblem[] = [];
  for (const error of errors) {
    const position = error.linePos?.[0];
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (!position) {
      problems.push({ path: '', message: `YAML syntax error: ${reason}` });
      continue;
    }
    if (seen.has(position.line)) {
      continue;
    }
    seen.add(position.line);
    problems.push({
      path: '',
      message: `YAML syntax error at line ${position.line}, column ${position.col}: ${reason}\n${excerpt(lines, position.line, position.col)}`,
    });
  }
  return problems;
}

/** `   4 | text` lines up to the offending one, then a caret under its column. */
function excerpt(lines: readonly string[], line: number, col: number): string {
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(line, lines.length);
  const width = String(last).length;
  const shown: string[] = [];
  for (let number = first; number <= last; number += 1) {
    shown.push(`${String(number).padStart(width)} | ${lines[number - 1] ?? ''}`);
  }
  shown.push(`${' '.repeat(width)} | ${' '.repeat(Math.max(0, col - 1))}^`);
  return shown.join('\n');
}
