import { h } from '../../dom';

/**
 * The new secret, shown this once with a copy button: the gateway keeps only its hash, so it cannot be shown again.
 */
export function secretOnce(alias: string, secret: string): HTMLElement {
  const field = h('input', {
    id: 'new-key-secret',
    type: 'text',
    readonly: true,
    value: secret,
    class: 'secret-value',
    'aria-describedby': 'new-key-help',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const copied = h('span', { class: 'muted', role: 'status', 'aria-live': 'polite' }, '');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(secret);
    } catch {
      field.select();
      document.execCommand('copy');
    }
    copied.textContent = 'Copied.';
  };
  return h(
    'div',
    { class: 'notice ok secret-once', role: 'region', 'aria-label': `New key for ${alias}` },
    h(
      'p',
      {},
      h('strong', {}, `The key for ${alias}`),
      ': copy it now. It is shown this once and cannot be read again.',
    ),
    h('label', { for: 'new-key-secret', class: 'visually-hidden' }, `Key for ${alias}`),
    h(
      'div',
      { class: 'secret-row' },
      field,
      h('button', { type: 'button', class: 'primary', onclick: () => void copy() }, 'Copy key'),
      copied,
    ),
    h(
      'p',
      { id: 'new-key-help', class: 'muted' },
      'Clients send it as Authorization: Bearer <key> (x-api-key on /v1/messages), on the /v1 APIs only.',
    ),
  );
}
