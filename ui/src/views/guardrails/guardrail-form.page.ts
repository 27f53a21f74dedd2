import type { AppContext } from '../../app-context';
import { ApiError } from '../../api/http';
import type { Guardrail } from '../../api/types';
import { GUARDRAIL_KINDS, type GuardrailKind } from '../../api/vocabulary';
import { h, replaceChildren } from '../../dom';
import { flash } from '../../flash';
import { links } from '../../router';
import { errorBox, linkButton, loading, pageHeading, reportError, runTask } from '../common';
import { apiProblems, type ApiProblem } from './api-problems';
import type { FieldSpec } from './field-spec';
import { formField, type FormField } from './form-field';
import { createEntry, patchEntry, type GuardrailFormValues } from './guardrail-entry';
import { ENGINE_FIELDS, NAME_FIELD, PROVIDER_FIELDS } from './provider-fields';

const PROVIDER_FIELD: FieldSpec = { key: 'guardrail', label: 'Provider', kind: 'choice', options: GUARDRAIL_KINDS };

/** Create (`id` undefined) or edit a guardrail; config.yaml guardrails are shown read-only. */
export function guardrailFormPage(context: AppContext, id: string | undefined): HTMLElement {
  if (id === undefined) {
    return guardrailForm(context, undefined);
  }
  const page = h('section', {}, pageHeading('Guardrail'), loading('the guardrail'));
  runTask(
    async () => page.replaceWith(guardrailForm(context, await context.guardrails.get(id))),
    (message) => page.append(errorBox(message)),
  );
  return page;
}

function isGuardrailKind(value: unknown): value is GuardrailKind {
  return typeof value === 'string' && (GUARDRAIL_KINDS as readonly string[]).includes(value);
}

function guardrailForm(context: AppContext, original: Guardrail | undefined): HTMLElement {
  const readOnly = original?.source === 'config';
  const initial = original?.litellm_params ?? { mode: 'pre_call', on_flagged: 'block', on_error: 'block' };
  const initialProvider: GuardrailKind = isGuardrailKind(initial.guardrail) ? initial.guardrail : 'banned_keywords';
  const nameField = formField(NAME_FIELD, original?.guardrail_name, readOnly);
  const providerField = formField(PROVIDER_FIELD, initialProvider, readOnly);
  const engineFields = ENGINE_FIELDS.map((spec) => formField(spec, initial[spec.key], readOnly));
  const providerBox = h('fieldset', { class: 'card provider-fields' });
  const feedback = h('div', { class: 'feedback', 'aria-live': 'assertive' });
  let provider = initialProvider;
  let providerFields: FormField[] = [];

  function showProvider(kind: GuardrailKind): void {
    provider = kind;
    const values = kind === initialProvider ? initial : {};
    providerFields = PROVIDER_FIELDS[kind].map((spec: FieldSpec) => formField(spec, values[spec.key], readOnly));
    replaceChildren(
      providerBox,
      h('legend', {}, `${kind} settings`),
      providerFields.length === 0 ? h('p', { class: 'muted' }, 'No settings.') : providerFields.map((f) => f.element),
    );
  }
  providerField.element.addEventListener('change', () => {
    const result = providerField.read();
    showProvider(result.ok && isGuardrailKind(result.value) ? result.value : provider);
  });
  showProvider(initialProvider);

  const allFields = (): FormField[] => [nameField, providerField, ...providerFields, ...engineFields];

  function showProblems(problems: readonly ApiProblem[], from: 'form' | 'gateway'): void {
    const fields = allFields();
    for (const problem of problems) {
      fields.find((field) => field.spec.key === problem.field)?.setError(problem.message);
    }
    replaceChildren(
      feedback,
      h(
        'div',
        { class: 'notice error', role: 'alert', id: 'form-errors' },
        h(
          'p',
          {},
          from === 'form'
            ? 'Fix these fields before saving:'
            : problems.length === 1
              ? 'The gateway did not accept this guardrail:'
              : 'The gateway did not accept this guardrail. Fix these fields:',
        ),
        h(
          'ul',
          {},
          problems.map((problem) =>
            h('li', {}, problem.path ? [h('code', {}, problem.path), ': '] : null, problem.message),
          ),
        ),
      ),
    );
  }

  /**
   * The form's values, or undefined when a field cannot be read (a number that is not one, invalid JSON): those are
   * shown with every required field left empty, all at once. Everything else (required fields included) is checked
   * by the gateway, which reports every problem of the entry in one answer, its own rules included.
   */
  function readValues(): GuardrailFormValues | undefined {
    const problems: ApiProblem[] = [];
    const missing: ApiProblem[] = [];
    const read = (field: FormField): unknown => {
      const result = field.read();
      if (!result.ok) {
        problems.push({ field: field.spec.key, path: field.spec.label, message: result.message });
        return undefined;
      }
      if (field.spec.required && result.value === undefined) {
        missing.push({ field: field.spec.key, path: field.spec.label, message: 'is required' });
      }
      return result.value;
    };
    const values: GuardrailFormValues = {
      name: read(nameField) as string | undefined,
      provider,
      engine: Object.fromEntries(engineFields.map((field) => [field.spec.key, read(field)])),
      params: Object.fromEntries(providerFields.map((field) => [field.spec.key, read(field)])),
    };
    if (problems.length > 0) {
      showProblems([...missing, ...problems], 'form');
      return undefined;
    }
    return values;
  }

  async function save(submit: HTMLButtonElement): Promise<void> {
    allFields().forEach((field) => field.setError(null));
    feedback.replaceChildren();
    const values = readValues();
    if (!values) {
      return;
    }
    submit.disabled = true;
    try {
      const saved = original
        ? await context.guardrails.update(original.id, patchEntry(original, values))
        : await context.guardrails.create(createEntry(values));
      flash.set(`${original ? 'Saved' : 'Created'} ${saved.guardrail_name}.`);
      context.navigate(links.guardrails());
    } catch (error: unknown) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        showProblems(apiProblems(error.message, error.param), 'gateway');
      } else {
        reportError(error, (message) => replaceChildren(feedback, errorBox(message)));
      }
    } finally {
      submit.disabled = false;
    }
  }

  const submit = h('button', { type: 'submit', class: 'primary' }, original ? 'Save changes' : 'Create guardrail');
  const title = original ? (readOnly ? original.guardrail_name : `Edit ${original.guardrail_name}`) : 'New guardrail';
  return h(
    'section',
    {},
    pageHeading(
      title,
      original ? linkButton(links.testGuardrail(original.id), 'Test', { class: 'button' }) : null,
      linkButton(links.guardrails(), 'Back to guardrails', { class: 'button' }),
    ),
    readOnly
      ? h(
          'p',
          { class: 'notice info' },
          'Defined in config.yaml: read-only here. Edit the file to change it; the switch in the table enables or disables it.',
        )
      : null,
    feedback,
    h(
      'form',
      {
        class: 'guardrail-form',
        'aria-labelledby': 'page-title',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void save(submit);
        },
      },
      h(
        'div',
        { class: 'form-grid' },
        h(
          'div',
          { class: 'form-column' },
          h('fieldset', { class: 'card' }, h('legend', {}, 'Guardrail'), nameField.element, providerField.element),
          providerBox,
        ),
        h(
          'fieldset',
          { class: 'card form-column' },
          h('legend', {}, 'Behaviour'),
          engineFields.map((f) => f.element),
        ),
      ),
      readOnly
        ? null
        : h('div', { class: 'form-actions' }, submit, linkButton(links.guardrails(), 'Cancel', { class: 'button' })),
    ),
  );
}
