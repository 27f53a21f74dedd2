import { GuardrailsApi } from './api/guardrails.api';
import { ApiClient } from './api/http';
import { KeysApi } from './api/keys.api';
import { ViolationsApi } from './api/violations.api';
import type { AppContext } from './app-context';
import { HOME, parseRoute, type Route } from './router';
import { session } from './session';
import { pageFor } from './pages';
import { loginView } from './views/login.view';
import { shell } from './views/shell';

/** Why the user was sent back to sign-in, shown once on the sign-in page. */
let signInMessage: string | undefined;
/** On the sign-in page a 401 is the answer to the key being tried, which that page shows itself. */
let signingIn = false;

function navigate(hash: string): void {
  if (location.hash === hash) {
    render();
  } else {
    location.hash = hash;
  }
}

function signOut(message?: string): void {
  session.signOut();
  signInMessage = message;
  navigate('#/login');
}

const http = new ApiClient(
  () => session.key(),
  (message) => {
    if (!signingIn) {
      signOut(`Signed out: the gateway answered 401 (${message}). Sign in again.`);
    }
  },
);
const context: AppContext = {
  guardrails: new GuardrailsApi(http),
  keys: new KeysApi(http),
  violations: new ViolationsApi(http),
  navigate,
};

function render(): void {
  const root = document.getElementById('app');
  if (!root) {
    return;
  }
  const route: Route = parseRoute(location.hash);
  const onLoginPage = route.page === 'login' || session.key() === null;
  signingIn = onLoginPage;
  if (onLoginPage) {
    const message = signInMessage;
    signInMessage = undefined;
    root.replaceChildren(
      loginView(context.guardrails, message, () => (route.page === 'login' ? navigate(HOME) : render())),
    );
    return;
  }
  root.replaceChildren(shell(route, pageFor(route, context), () => signOut()));
  document.getElementById('page-title')?.focus({ preventScroll: true });
}

window.addEventListener('hashchange', render);
render();
