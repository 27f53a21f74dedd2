import { h } from '../dom';
import type { Route } from '../router';

type Section = 'guardrails' | 'keys' | 'violations';

function sectionOf(route: Route): Section {
  if (route.page === 'violations' || route.page === 'violation') {
    return 'violations';
  }
  return route.page === 'keys' || route.page === 'key-new' || route.page === 'key-edit' ? 'keys' : 'guardrails';
}

/** The frame around every signed-in page: the name, the three sections, sign out, and the page itself. */
export function shell(route: Route, page: HTMLElement, onSignOut: () => void): HTMLElement {
  const current = sectionOf(route);
  const link = (section: Section, text: string): HTMLElement =>
    h('a', { href: `#/${section}`, class: 'nav-link', 'aria-current': section === current ? 'page' : null }, text);
  return h(
    'div',
    { class: 'app' },
    h(
      'button',
      { type: 'button', class: 'skip-link', onclick: () => document.getElementById('page-title')?.focus() },
      'Skip to content',
    ),
    h(
      'header',
      { class: 'topbar' },
      h('span', { class: 'brand' }, 'Warden'),
      h(
        'nav',
        { 'aria-label': 'Sections' },
        link('guardrails', 'Guardrails'),
        link('keys', 'Keys'),
        link('violations', 'Violations'),
      ),
      h('button', { type: 'button', class: 'link sign-out', onclick: onSignOut }, 'Sign out'),
    ),
    h('main', { id: 'content', class: 'content' }, page),
  );
}
