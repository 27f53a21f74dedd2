import { h } from '../dom';

/**
 * An on/off switch (a button with role=switch). `onToggle` gets the wanted state and resolves with the state the
 * server confirmed; while it runs the switch is busy, and on failure it returns to where it was.
 */
export function toggleSwitch(
  label: string,
  initial: boolean,
  onToggle: (wanted: boolean) => Promise<boolean>,
): HTMLButtonElement {
  let on = initial;
  const text = h('span', { class: 'switch-text' }, '');
  const button = h(
    'button',
    { type: 'button', role: 'switch', class: 'switch', 'aria-label': label },
    h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })),
    text,
  );
  const show = (): void => {
    button.setAttribute('aria-checked', String(on));
    text.textContent = on ? 'On' : 'Off';
  };
  button.addEventListener('click', () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    onToggle(!on)
      .then((confirmed) => {
        on = confirmed;
      })
      .catch(() => undefined)
      .finally(() => {
        button.disabled = false;
        button.removeAttribute('aria-busy');
        show();
      });
  });
  show();
  return button;
}
