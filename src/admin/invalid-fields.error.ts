import { WardenError } from '../common/warden.error';

export interface FieldProblem {
  /** Where, in the request: `litellm_params.mode`, `messages[0].role`, `limit`. */
  path: string;
  message: string;
}

/** One 400 naming every failing field; `param` is the first of them (the OpenAI error shape has room for one). */
export function invalidFields(what: string, problems: readonly FieldProblem[]): WardenError {
  const list = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  return WardenError.invalidRequest(`Invalid ${what}: ${list}`, problems[0]?.path || null);
}
