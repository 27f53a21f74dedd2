import { h } from '../dom';

/** A button that asks once more ("Confirm delete?") before it acts; no browser dialog. */
export function confirmButton(
  label: string,
  confirmLabel: string,
  accessibleName: string,
  onConfirm: () => void,
): HTMLElement {
  let armed = false;
  let timer: number | undefined;
  const button = h('button', { type: 'button', class: 'danger small', 'aria-label': accessibleName }, label);
  const disarm = (): void => {
    armed = false;
    button.textContent = label;
    button.setAttribute('aria-label', accessibleName);
  };
  button.addEventListener('click', () => {
    if (armed) {
      window.clearTimeout(timer);
      disarm();
      onConfirm();
      return;
    }
    armed = true;
    button.textContent = confirmLabel;
    button.setAttribute('aria-label', `${confirmLabel}: ${accessibleName}`);
    timer = window.setTimeout(disarm, 5000);
  });
  return button;
}
