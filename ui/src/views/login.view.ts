import type { GuardrailsApi } from '../api/guardrails.api';
import { ApiError } from '../api/http';
import { h } from '../dom';
import { session } from '../session';
import { errorBox, errorMessage } from './common';

/**
 * Sign-in: the master key is checked with one admin call before the app opens; `message` says why the user is here
 * again (a rejected or revoked key).
 */
export function loginView(guardrails: GuardrailsApi, message: string | undefined, onSignedIn: () => void): HTMLElement {
  document.title = 'Sign in · Warden admin';
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' }, message ? errorBox(message) : null);
  const input = h('input', {
    id: 'master-key',
    name: 'master-key',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
    spellcheck: 'false',
    'aria-describedby': 'master-key-hint',
  });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  async function signIn(): Promise<void> {
    session.signIn(input.value.trim());
    button.disabled = true;
    try {
      await guardrails.list();
      onSignedIn();
    } catch (error: unknown) {
      session.signOut();
      const text =
        error instanceof ApiError && error.status === 401
          ? 'The gateway rejected this key (HTTP 401). Check general_settings.master_key.'
          : `Could not reach the admin API: ${errorMessage(error)}`;
      feedback.replaceChildren(errorBox(text));
      input.focus();
      input.select();
    } finally {
      button.disabled = false;
    }
  }

  const form = h(
    'form',
    {
      class: 'login card',
      'aria-labelledby': 'login-title',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void signIn();
      },
    },
    h('h1', { id: 'login-title' }, 'Warden admin'),
    h('p', { class: 'muted' }, 'Sign in with the gateway’s master key.'),
    feedback,
    h('label', { for: 'master-key' }, 'Master key'),
    input,
    h(
      'p',
      { id: 'master-key-hint', class: 'hint' },
      'Kept in this tab’s session storage only, and sent to this gateway as a Bearer token.',
    ),
    button,
  );
  queueMicrotask(() => input.focus());
  return h('main', { class: 'login-page' }, form);
}
