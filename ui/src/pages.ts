import { assertUnreachable } from './assert';
import type { AppContext } from './app-context';
import type { Route } from './router';
import { guardrailFormPage } from './views/guardrails/guardrail-form.page';
import { guardrailTestPage } from './views/guardrails/guardrail-test.page';
import { guardrailsPage } from './views/guardrails/guardrails.page';
import { keyFormPage } from './views/keys/key-form.page';
import { keysPage } from './views/keys/keys.page';
import { violationPage } from './views/violations/violation.page';
import { violationsPage } from './views/violations/violations.page';

/** The page for a signed-in route. */
export function pageFor(route: Exclude<Route, { page: 'login' }>, context: AppContext): HTMLElement {
  switch (route.page) {
    case 'guardrails':
      return guardrailsPage(context);
    case 'guardrail-new':
      return guardrailFormPage(context, undefined);
    case 'guardrail-edit':
      return guardrailFormPage(context, route.id);
    case 'guardrail-test':
      return guardrailTestPage(context, route.id);
    case 'keys':
      return keysPage(context);
    case 'key-new':
      return keyFormPage(context, undefined);
    case 'key-edit':
      return keyFormPage(context, route.id);
    case 'violations':
      return violationsPage(context, route.query);
    case 'violation':
      return violationPage(context, route.id);
    default:
      return assertUnreachable(route);
  }
}
