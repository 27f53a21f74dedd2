import type { AppContext } from '../../app-context';

import type { VirtualKey, VirtualKeyInput } from '../../api/types';
import { h, replaceChildren } from '../../dom';
import { flash } from '../../flash';
import { links } from '../../router';
import { errorBox, linkButton, loading, pageHeading, runTask } from '../common';
import { isoFromLocalInput, localInputValue } from '../violations/violation-query';
import { secretOnce } from './secret-once';

/** Create (`id` undefined) or edit a virtual key; after creation the secret is shown once, with a copy button. */
export function keyFormPage(context: AppContext, id: string | undefined): HTMLElement {
  const page = h('section', {}, pageHeading(id === undefined ? 'New key' : 'Key'), loading('the form'));
  runTask(
    async () => {
      const [key, models, guardrails] = await Promise.all([
        id === undefined ? Promise.resolve(undefined) : context.keys.get(id),
        context.keys.modelNames(),
        context.guardrails.list(),
      ]);
      page.replaceWith(
        keyForm(
          context,
          key,
          models,
          guardrails.map((g) => g.guardrail_name),
        ),
      );
    },
    (message) => page.append(errorBox(message)),
  );
  return page;
}

function checkboxes(legend: string, name: string, options: readonly string[], checked: readonly string[]) {
  const boxes = options.map((option) =>
    h('input', { type: 'checkbox', name, value: option, id: `${name}-${option}`, checked: checked.includes(option) }),
  );
  const element = h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, legend),
    boxes.map((box, index) => h('label', { for: box.id, class: 'choice' }, box, ` ${options[index]}`)),
  );
  return { element, read: (): string[] => boxes.filter((box) => box.checked).map((box) => box.value) };
}

function field(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help ? h('p', { class: 'muted help' }, help) : null,
  );
}

function keyForm(context: AppContext, original: VirtualKey | undefined, models: string[], guardrails: string[]) {
  const alias = h('input', { id: 'key-alias', type: 'text', required: true, value: original?.key_alias ?? '' });
  const team = h('input', { id: 'key-team', type: 'text', value: original?.team ?? '' });
  const modelBoxes = checkboxes('Models (none checked: every model)', 'model', models, original?.models ?? []);
  const guardrailBoxes = checkboxes(
    'Guardrails (run on every request with this key, besides the default_on ones)',
    'guardrail',
    guardrails,
    original?.guardrails ?? [],
  );
  const mayAdd = h('input', {
    id: 'key-may-add',
    type: 'checkbox',
    checked: original?.allow_request_guardrails ?? true,
  });
  const expires = h('input', {
    id: 'key-expires',
    type: 'datetime-local',
    value: localInputValue(original?.expires_at ?? undefined),
  });
  const metadata = h('textarea', { id: 'key-metadata', rows: 3, value: JSON.stringify(original?.metadata ?? {}) });
  const feedback = h('div', { class: 'feedback', 'aria-live': 'assertive' });

  const values = (): VirtualKeyInput => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(metadata.value.trim() || '{}');
    } catch {
      throw new Error('Metadata must be a JSON object, e.g. {"app": "payments"}.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('Metadata must be a JSON object, e.g. {"app": "payments"}.');
    }
    return {
      key_alias: alias.value.trim(),
      team: team.value.trim() || null,
      models: modelBoxes.read(),
      guardrails: guardrailBoxes.read(),
      allow_request_guardrails: mayAdd.checked,
      metadata: parsed as Record<string, unknown>,
      expires_at: isoFromLocalInput(expires.value) ?? null,
    };
  };

  const form = h(
    'form',
    {
      class: 'card key-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        runTask(
          async () => {
            const input = values();
            if (original) {
              await context.keys.update(original.id, input);
              flash.set(`Saved ${input.key_alias ?? original.key_alias}.`);
              context.navigate(links.keys());
              return;
            }
            const created = await context.keys.create(input);
            form.replaceWith(
              h(
                'div',
                {},
                secretOnce(created.key_alias, created.key),
                linkButton(links.keys(), 'Done', { class: 'button' }),
              ),
            );
          },
          (message) => replaceChildren(feedback, errorBox(message)),
        );
      },
    },
    field('key-alias', 'Alias', alias, 'Unique; letters, digits and . _ : @ / -. Recorded on violations.'),
    field('key-team', 'Team', team, 'Optional label, recorded on violations.'),
    modelBoxes.element,
    guardrailBoxes.element,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'key-may-add', class: 'choice' }, mayAdd, ' Requests may add guardrails'),
    ),
    field('key-expires', 'Expires (local time; empty: never)', expires),
    field('key-metadata', 'Metadata (JSON)', metadata),
    feedback,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary' }, original ? 'Save changes' : 'Create key'),
      linkButton(links.keys(), 'Cancel', { class: 'button' }),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'page-title' },
    pageHeading(original ? `Key ${original.key_alias}` : 'New key'),
    form,
  );
}
