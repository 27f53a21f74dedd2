/** One problem of a 400 from the admin API, and the form field it belongs to (if any). */
export interface ApiProblem {
  field: string | null;
  /** Where the API says the problem is (`litellm_params.patterns[0]`), when it says. */
  path: string | null;
  message: string;
}

const PATH = String.raw`(?:guardrail_name|litellm_params|enabled|guardrail_info)[\w.[\]-]*`;
const SEPARATOR = new RegExp(String.raw`; (?=${PATH}: )`);
const ITEM = new RegExp(String.raw`^(${PATH}): ([\s\S]*)$`);

/**
 * Splits the API's "Invalid guardrail: litellm_params.mode: ...; litellm_params.api_key: ..." into one problem per
 * path, so each message can sit next to its field. Anything else is one problem, placed by `param`.
 */
export function apiProblems(message: string, param: string | null): ApiProblem[] {
  const list = message.replace(/^Invalid [\w ]+: /, '');
  const items = list.split(SEPARATOR).map((item) => ITEM.exec(item));
  if (items.some((item) => item === null)) {
    return [{ field: param === null ? null : fieldOf(param), path: null, message }];
  }
  return items.map((item) => ({ field: fieldOf(item?.[1] ?? ''), path: item?.[1] ?? null, message: item?.[2] ?? '' }));
}

/** `litellm_params.patterns[0]` -> `patterns`; `guardrail_name` -> `guardrail_name`. */
export function fieldOf(path: string): string | null {
  if (path === 'guardrail_name') {
    return path;
  }
  const match = /^litellm_params\.(\w+)/.exec(path);
  return match ? match[1] : null;
}
