/** How one form field reads and writes one key of a guardrail's `litellm_params` (or its name). */
export type FieldKind =
  | 'text'
  | 'secret'
  | 'url'
  | 'number'
  | 'boolean'
  /** One entry per line -> a list of strings. */
  | 'lines'
  /** A JSON object typed in a textarea (category_thresholds, pii_entities_config). */
  | 'json'
  /** A select; an empty choice leaves the key out. */
  | 'choice'
  /** Checkboxes -> a list of the checked options. */
  | 'choices';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  options?: readonly string[];
  /** For `choice`: the label of the empty option (the server's default); without it there is no empty option. */
  emptyOption?: string;
  /** For `choices`: one checked option is sent as a plain string (mode: pre_call). */
  collapseSingle?: boolean;
  /** For `number`: the input's step. */
  step?: string;
  min?: string;
  max?: string;
}
