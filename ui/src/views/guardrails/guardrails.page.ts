import type { AppContext } from '../../app-context';
import type { Guardrail } from '../../api/types';
import { h, replaceChildren } from '../../dom';
import { flash } from '../../flash';
import { links } from '../../router';
import { badge, errorBox, linkButton, loading, pageHeading, reportError, runTask, scrollBox } from '../common';
import { confirmButton } from '../confirm-button';
import { toggleSwitch } from '../switch';
import { isDefaultOn, modesOf, providerOf, stringParam } from './guardrail-summary';

/** Every guardrail, with a switch that enables or disables it at once, and links to edit, test and delete. */
export function guardrailsPage(context: AppContext): HTMLElement {
  const flashed = flash.take();
  const status = h(
    'div',
    { class: 'feedback', 'aria-live': 'polite' },
    flashed ? h('p', { class: 'notice ok' }, flashed) : null,
  );
  const body = h('div', {}, loading('guardrails'));
  const say = (message: string, isError = false): void =>
    replaceChildren(status, isError ? errorBox(message) : h('p', { class: 'notice ok' }, message));

  const reload = (): void =>
    runTask(
      async () => replaceChildren(body, table(await context.guardrails.list())),
      (message) => replaceChildren(body, errorBox(message)),
    );

  function row(guardrail: Guardrail): HTMLElement {
    const name = guardrail.guardrail_name;
    const enabled = toggleSwitch(`Enabled: ${name}`, guardrail.enabled, async (wanted) => {
      try {
        const updated = await context.guardrails.setEnabled(guardrail.id, wanted);
        say(`${name} ${updated.enabled ? 'enabled' : 'disabled'}: applies from the next request.`);
        return updated.enabled;
      } catch (error: unknown) {
        reportError(error, (message) => say(message, true));
        throw error;
      }
    });
    const remove = (): void =>
      runTask(
        async () => {
          await context.guardrails.remove(guardrail.id);
          say(`${name} deleted.`);
          reload();
        },
        (message) => say(message, true),
      );
    return h(
      'tr',
      { 'data-guardrail': name },
      h('th', { scope: 'row' }, name),
      h('td', {}, h('code', {}, providerOf(guardrail))),
      h('td', {}, modesOf(guardrail).join(', ')),
      h('td', {}, badge(stringParam(guardrail, 'on_flagged', 'block'))),
      h('td', {}, isDefaultOn(guardrail) ? 'yes' : 'no'),
      h('td', {}, badge(guardrail.source, `source-${guardrail.source}`)),
      h('td', {}, enabled),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'row-actions' },
          linkButton(links.editGuardrail(guardrail.id), guardrail.source === 'api' ? 'Edit' : 'View', {
            class: 'button small',
            'aria-label': `${guardrail.source === 'api' ? 'Edit' : 'View'} ${name}`,
          }),
          linkButton(links.testGuardrail(guardrail.id), 'Test', {
            class: 'button small',
            'aria-label': `Test ${name}`,
          }),
          guardrail.source === 'api' ? confirmButton('Delete', 'Confirm delete', `Delete ${name}`, remove) : null,
        ),
      ),
    );
  }

  function table(guardrails: readonly Guardrail[]): HTMLElement {
    if (guardrails.length === 0) {
      return h('p', { class: 'muted' }, 'No guardrails yet: add one to config.yaml or create one here.');
    }
    const headers = ['Name', 'Provider', 'Mode', 'On flagged', 'Default on', 'Source', 'Enabled', 'Actions'];
    return scrollBox(
      h(
        'table',
        { class: 'data', id: 'guardrails-table' },
        h('caption', { class: 'visually-hidden' }, 'Guardrails'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            headers.map((title) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h('tbody', {}, guardrails.map(row)),
      ),
      'Guardrails',
    );
  }

  reload();
  return h(
    'section',
    { 'aria-labelledby': 'page-title' },
    pageHeading('Guardrails', linkButton(links.newGuardrail(), 'New guardrail', { class: 'button primary' })),
    h(
      'p',
      { class: 'muted intro' },
      'Config guardrails come from config.yaml: switch them on or off here, edit the file for the rest.',
    ),
    status,
    body,
  );
}
