import type { AppContext } from '../../app-context';
import type { VirtualKey } from '../../api/types';
import { h, replaceChildren } from '../../dom';
import { flash } from '../../flash';
import { links } from '../../router';
import { errorBox, linkButton, loading, pageHeading, reportError, runTask } from '../common';
import { confirmButton } from '../confirm-button';
import { toggleSwitch } from '../switch';
import { keyExpiry, keyGuardrails } from './key-status';
import { secretOnce } from './secret-once';

/** Every virtual key: enable/disable at once, edit, regenerate (the new secret shown once), delete, its violations. */
export function keysPage(context: AppContext): HTMLElement {
  const flashed = flash.take();
  const status = h(
    'div',
    { class: 'feedback', 'aria-live': 'polite' },
    flashed ? h('p', { class: 'notice ok' }, flashed) : null,
  );
  const body = h('div', {}, loading('keys'));
  const say = (message: string | HTMLElement, isError = false): void =>
    replaceChildren(
      status,
      typeof message !== 'string' ? message : isError ? errorBox(message) : h('p', { class: 'notice ok' }, message),
    );
  const reload = (): void =>
    runTask(
      async () => replaceChildren(body, table(await context.keys.list())),
      (message) => replaceChildren(body, errorBox(message)),
    );

  function row(key: VirtualKey): HTMLElement {
    const alias = key.key_alias;
    const enabled = toggleSwitch(`Enabled: ${alias}`, key.enabled, async (wanted) => {
      try {
        const updated = await context.keys.setEnabled(key.id, wanted);
        say(`${alias} ${updated.enabled ? 'enabled' : 'disabled'}: applies from the next request.`);
        return updated.enabled;
      } catch (error: unknown) {
        reportError(error, (message) => say(message, true));
        throw error;
      }
    });
    const act = (task: () => Promise<void>): void => runTask(task, (message) => say(message, true));
    const regenerate = (): void =>
      act(async () => {
        const created = await context.keys.regenerate(key.id);
        say(secretOnce(alias, created.key));
        reload();
      });
    const remove = (): void =>
      act(async () => {
        await context.keys.remove(key.id);
        say(`${alias} deleted: requests with it are refused.`);
        reload();
      });
    return h(
      'tr',
      { 'data-key': alias },
      h('th', { scope: 'row' }, alias),
      h('td', {}, h('code', {}, key.key_name)),
      h('td', {}, key.team ?? '—'),
      h('td', {}, key.models.length === 0 ? 'all' : key.models.join(', ')),
      h('td', {}, keyGuardrails(key)),
      h('td', {}, key.allow_request_guardrails ? 'yes' : 'no'),
      h('td', {}, keyExpiry(key)),
      h('td', {}, enabled),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'row-actions' },
          linkButton(links.editKey(key.id), 'Edit', { class: 'button small', 'aria-label': `Edit ${alias}` }),
          linkButton(links.keyViolations(alias), 'Violations', {
            class: 'button small',
            'aria-label': `Violations of ${alias}`,
          }),
          confirmButton('Regenerate', 'Confirm regenerate', `Regenerate ${alias}`, regenerate),
          confirmButton('Delete', 'Confirm delete', `Delete ${alias}`, remove),
        ),
      ),
    );
  }

  function table(keys: readonly VirtualKey[]): HTMLElement {
    if (keys.length === 0) {
      return h('p', { class: 'muted' }, 'No virtual keys yet: every client uses the master key.');
    }
    const headers = [
      'Alias',
      'Key',
      'Team',
      'Models',
      'Guardrails',
      'Request may add',
      'Expires',
      'Enabled',
      'Actions',
    ];
    return h(
      'table',
      { class: 'data', id: 'keys-table' },
      h('caption', { class: 'visually-hidden' }, 'Virtual keys'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      h('tbody', {}, keys.map(row)),
    );
  }

  reload();
  return h(
    'section',
    { 'aria-labelledby': 'page-title' },
    pageHeading('Keys', linkButton(links.newKey(), 'New key', { class: 'button primary' })),
    h(
      'p',
      { class: 'muted intro' },
      'A virtual key calls the /v1 APIs only. Its guardrails and the default_on ones run on every request made with ' +
        'it; no request field removes them.',
    ),
    status,
    body,
  );
}
