import type { ParamSpec, VendorSpec } from '../../api/vocabulary';
import type { FieldKind, FieldSpec } from './field-spec';

const SECRET_HINT = 'Write-only: a stored key is shown masked; leave it unchanged to keep it.';

/** A vendor's form fields, read from its parameter spec (the one place a vendor lists its parameters). */
export function specFields(spec: VendorSpec): FieldSpec[] {
  return spec.params.filter((param) => !param.hidden).map(fieldOf);
}

function fieldOf(param: ParamSpec): FieldSpec {
  const hint = param.secret ? [param.hint, SECRET_HINT].filter(Boolean).join(' ') : param.hint;
  const env = param.env ? `Default: $${param.env.join(' or $')}.` : undefined;
  const field: FieldSpec = {
    key: param.key,
    label: param.label,
    kind: kindOf(param),
    ...(param.required ? { required: true } : {}),
    ...(hint || env ? { hint: [hint, env].filter(Boolean).join(' ') } : {}),
    ...(param.placeholder ? { placeholder: param.placeholder } : {}),
  };
  switch (param.type) {
    case 'choice':
      return { ...field, options: param.options, emptyOption: 'default' };
    case 'list':
      return param.options ? { ...field, options: param.options } : field;
    case 'number':
      return {
        ...field,
        min: String(param.min),
        max: String(param.max),
        step: param.integer ? '1' : '0.05',
      };
    case 'string':
    case 'string_or_number':
    case 'url':
    case 'boolean':
    case 'mapping':
    case 'string_or_mapping':
    case 'string_or_list':
      return field;
    default:
      return param satisfies never;
  }
}

function kindOf(param: ParamSpec): FieldKind {
  if (param.secret && (param.type === 'string' || param.type === 'string_or_mapping')) {
    return 'secret';
  }
  switch (param.type) {
    case 'string':
    case 'string_or_number':
    case 'string_or_mapping':
    case 'string_or_list':
      return 'text';
    case 'url':
      return 'url';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'choice':
      return 'choice';
    case 'list':
      return param.options ? 'choices' : 'lines';
    case 'mapping':
      return 'json';
    default:
      return param satisfies never;
  }
}
