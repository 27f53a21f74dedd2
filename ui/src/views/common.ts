import { ApiError } from '../api/http';
import { h, type Child } from '../dom';

/** Small building blocks shared by the pages. */

export function pageHeading(title: string, ...actions: Child[]): HTMLElement {
  document.title = `${title} · Warden admin`;
  return h(
    'div',
    { class: 'page-heading' },
    h('h1', { tabindex: -1, id: 'page-title' }, title),
    h('div', { class: 'actions' }, ...actions),
  );
}

export function errorBox(message: string): HTMLElement {
  return h('div', { class: 'notice error', role: 'alert' }, message);
}

export function loading(what: string): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return `${error.message} (HTTP ${error.status})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a view's async work. A 401 has already sent the user back to sign-in; any other failure is shown with
 * `show`, so nothing is left as an unhandled rejection.
 */
export function runTask(task: () => Promise<void>, show: (message: string) => void): void {
  task().catch((error: unknown) => reportError(error, show));
}

/** Shows a failure, except a 401: that one has already sent the user back to sign-in. */
export function reportError(error: unknown, show: (message: string) => void): void {
  if (!(error instanceof ApiError && error.status === 401)) {
    show(errorMessage(error));
  }
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

export function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

export function jsonBlock(value: unknown, label: string): HTMLElement {
  const text = value === undefined || value === null ? '(none)' : JSON.stringify(value, null, 2);
  return h('pre', { class: 'json', tabindex: 0, 'aria-label': label }, h('code', {}, text));
}

/** A coloured label; `tone` picks the colour (block, pass, monitor, ...). */
export function badge(text: string, tone: string = text): HTMLElement {
  return h('span', { class: `badge tone-${tone}` }, text);
}

export function linkButton(href: string, text: string, extra: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { class: 'button', href, ...extra }, text);
}

/** A definition list from label/value pairs. */
export function details(pairs: readonly [string, Child | Child[]][]): HTMLElement {
  return h('dl', { class: 'details' }, pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]).flat());
}

/**
 * A table in a box of its own width that scrolls sideways when the table is wider (a phone-sized window), so the
 * page itself never does. Focusable, so the keyboard can scroll it too.
 */
export function scrollBox(table: HTMLElement, label: string): HTMLElement {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}
