import { assertUnreachable } from '../../assert';
import { h, uniqueId } from '../../dom';
import type { FieldSpec } from './field-spec';

/** What a field holds: a value to send (undefined: leave the key out), or why it cannot be read. */
export type ReadResult = { ok: true; value: unknown } | { ok: false; message: string };

export interface FormField {
  spec: FieldSpec;
  element: HTMLElement;
  read(): ReadResult;
  setError(message: string | null): void;
  focus(): void;
}

type Input = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A labelled form field for one key, filled with `initial` (the value the API returned, or undefined). */
export function formField(spec: FieldSpec, initial: unknown, disabled: boolean): FormField {
  const id = uniqueId(`field-${spec.key}`);
  const hintId = spec.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const hint = spec.hint ? h('p', { id: hintId ?? '', class: 'hint' }, spec.hint) : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const { control, inputs, read } = build(spec, initial, id, describedBy, disabled);
  const label =
    spec.kind === 'choices'
      ? h('legend', {}, spec.label, spec.required ? requiredMark() : null)
      : h('label', { for: id }, spec.label, spec.required ? requiredMark() : null);
  const element =
    spec.kind === 'choices'
      ? h(
          'fieldset',
          { class: 'field', 'data-field': spec.key, 'aria-describedby': describedBy },
          label,
          control,
          hint,
          error,
        )
      : spec.kind === 'boolean'
        ? h('div', { class: 'field checkbox-field', 'data-field': spec.key }, control, label, hint, error)
        : h('div', { class: 'field', 'data-field': spec.key }, label, control, hint, error);
  return {
    spec,
    element,
    read,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = message === null;
      element.classList.toggle('invalid', message !== null);
      for (const input of inputs) {
        if (message === null) {
          input.removeAttribute('aria-invalid');
        } else {
          input.setAttribute('aria-invalid', 'true');
        }
      }
    },
    focus: () => inputs[0]?.focus(),
  };
}

function requiredMark(): HTMLElement {
  return h('span', { class: 'required', 'aria-hidden': 'true' }, ' *');
}

interface Built {
  control: HTMLElement;
  inputs: Input[];
  read: () => ReadResult;
}

function build(spec: FieldSpec, initial: unknown, id: string, describedBy: string, disabled: boolean): Built {
  const placeholder = disabled ? undefined : spec.placeholder;
  const common = { id, name: spec.key, disabled, 'aria-describedby': describedBy, placeholder };
  switch (spec.kind) {
    case 'text':
    case 'url':
    case 'secret': {
      const type = spec.kind === 'secret' ? 'password' : spec.kind === 'url' ? 'url' : 'text';
      const autocomplete = spec.kind === 'secret' ? 'new-password' : 'off';
      const input = h('input', { ...common, type, autocomplete, spellcheck: 'false', value: textOf(initial) });
      return { control: input, inputs: [input], read: () => ok(input.value.trim() || undefined) };
    }
    case 'number': {
      const input = h('input', { ...common, type: 'number', step: spec.step, min: spec.min, max: spec.max });
      input.value = typeof initial === 'number' ? String(initial) : '';
      return { control: input, inputs: [input], read: () => readNumber(input.value) };
    }
    case 'boolean': {
      const input = h('input', { ...common, type: 'checkbox', checked: initial === true });
      return { control: input, inputs: [input], read: () => ok(input.checked) };
    }
    case 'lines': {
      const lines = Array.isArray(initial) ? initial.map(String).join('\n') : '';
      const input = h('textarea', { ...common, rows: rowsFor(lines), spellcheck: 'false', value: lines });
      return { control: input, inputs: [input], read: () => readLines(input.value) };
    }
    case 'json': {
      const text = initial === undefined || initial === null ? '' : JSON.stringify(initial, null, 2);
      const input = h('textarea', { ...common, rows: rowsFor(text), spellcheck: 'false', value: text });
      return { control: input, inputs: [input], read: () => readJsonObject(input.value) };
    }
    case 'choice': {
      const select = h(
        'select',
        { id, name: spec.key, disabled, 'aria-describedby': describedBy },
        spec.emptyOption === undefined ? null : h('option', { value: '' }, spec.emptyOption),
        (spec.options ?? []).map((option) => h('option', { value: option, selected: option === initial }, option)),
      );
      return { control: select, inputs: [select], read: () => ok(select.value || undefined) };
    }
    case 'choices': {
      const checked = new Set(Array.isArray(initial) ? initial : [initial]);
      const boxes = (spec.options ?? []).map((option) =>
        h('input', { type: 'checkbox', name: spec.key, value: option, disabled, checked: checked.has(option) }),
      );
      const control = h(
        'div',
        { class: 'choices' },
        boxes.map((box) => h('label', { class: 'choice' }, box, ` ${box.value}`)),
      );
      const read = (): ReadResult => {
        const values = boxes.filter((box) => box.checked).map((box) => box.value);
        if (values.length === 0) {
          return ok(undefined);
        }
        return ok(spec.collapseSingle && values.length === 1 ? values[0] : values);
      };
      return { control, inputs: boxes, read };
    }
    default:
      return assertUnreachable(spec.kind);
  }
}

/** Room for what the field holds (up to 10 lines), and at least 3 lines. */
function rowsFor(text: string): number {
  return Math.min(10, Math.max(3, text.split('\n').length));
}

function ok(value: unknown): ReadResult {
  return { ok: true, value };
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function readNumber(text: string): ReadResult {
  if (text.trim() === '') {
    return ok(undefined);
  }
  const value = Number(text);
  return Number.isFinite(value) ? ok(value) : { ok: false, message: 'must be a number' };
}

function readLines(text: string): ReadResult {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return ok(lines.length === 0 ? undefined : lines);
}

function readJsonObject(text: string): ReadResult {
  if (text.trim() === '') {
    return ok(undefined);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return ok(value);
    }
  } catch {
    // falls through to the message below
  }
  return { ok: false, message: 'must be a JSON object, e.g. {"key": "value"}' };
}
