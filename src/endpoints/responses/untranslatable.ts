import { WardenError } from '../../common/warden.error';

/** Builds the 400 for a field that has no chat completions form; `what` names it when the path alone is unclear. */
export type Untranslatable = (field: string, what?: string) => WardenError;

/** The 400s of one request translated for `model` (the name the client asked for). */
export function untranslatableFor(model: string): Untranslatable {
  return (field, what) =>
    WardenError.invalidRequest(
      `Invalid request: ${what === undefined ? field : `${what} (${field})`} cannot be used with model "${model}": it answers /v1/responses ` +
        'through chat completions, which has no equivalent. Only openai/ and azure/ models take it natively.',
      field,
    );
}
