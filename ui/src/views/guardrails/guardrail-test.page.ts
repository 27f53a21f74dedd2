import type { AppContext } from '../../app-context';
import type { Guardrail, TestRequest } from '../../api/types';
import { GUARDRAIL_MODES, type GuardrailMode } from '../../api/vocabulary';
import { h, replaceChildren } from '../../dom';
import { links } from '../../router';
import { errorBox, linkButton, loading, pageHeading, reportError, runTask } from '../common';
import { modesOf } from './guardrail-summary';
import { testResult } from './test-result';

/** Runs one guardrail on text typed here (POST /admin/guardrails/:id/test) and shows the verdict. */
export function guardrailTestPage(context: AppContext, id: string): HTMLElement {
  const page = h('section', {}, pageHeading('Test guardrail'), loading('the guardrail'));
  runTask(
    async () => page.replaceWith(testPanel(context, await context.guardrails.get(id))),
    (message) => page.append(errorBox(message)),
  );
  return page;
}

function testPanel(context: AppContext, guardrail: Guardrail): HTMLElement {
  const message = h('textarea', { id: 'test-message', name: 'message', rows: 5, required: true });
  const response = h('textarea', {
    id: 'test-response',
    name: 'response',
    rows: 3,
    'aria-describedby': 'test-response-hint',
  });
  const mode = h(
    'select',
    { id: 'test-mode', name: 'mode', 'aria-describedby': 'test-mode-hint' },
    h('option', { value: '' }, 'automatic'),
    GUARDRAIL_MODES.map((item) => h('option', { value: item }, item)),
  );
  const output = h(
    'div',
    { class: 'card result-card', 'aria-live': 'polite', id: 'test-output' },
    h('p', { class: 'muted' }, 'Run a test to see the verdict.'),
  );
  const run = h('button', { type: 'submit', class: 'primary' }, 'Run test');

  async function runTest(): Promise<void> {
    if (message.value.trim() === '') {
      replaceChildren(output, errorBox('Type a user message to test.'));
      message.focus();
      return;
    }
    const request: TestRequest = { messages: [{ role: 'user', content: message.value }] };
    if (response.value.trim() !== '') {
      request.response = response.value;
    }
    if (mode.value !== '') {
      request.mode = mode.value as GuardrailMode;
    }
    run.disabled = true;
    replaceChildren(output, h('p', { class: 'muted', role: 'status' }, 'Running…'));
    try {
      replaceChildren(output, testResult(await context.guardrails.test(guardrail.id, request)));
    } catch (error: unknown) {
      reportError(error, (text) => replaceChildren(output, errorBox(text)));
    } finally {
      run.disabled = false;
    }
  }

  const name = guardrail.guardrail_name;
  return h(
    'section',
    {},
    pageHeading(
      `Test ${name}`,
      linkButton(links.editGuardrail(guardrail.id), guardrail.source === 'api' ? 'Edit' : 'View', { class: 'button' }),
      linkButton(links.guardrails(), 'Back to guardrails', { class: 'button' }),
    ),
    h(
      'p',
      { class: 'muted intro' },
      `Runs ${name} (${modesOf(guardrail).join(', ')}) now through the same runner as chat requests, even when it ` +
        'is disabled. No model is called and nothing is recorded.',
    ),
    h(
      'div',
      { class: 'split' },
      h(
        'form',
        {
          class: 'card test-form',
          'aria-label': `Test ${name}`,
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault();
            void runTest();
          },
        },
        h('div', { class: 'field' }, h('label', { for: 'test-message' }, 'User message'), message),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'test-response' }, 'Assistant response (optional)'),
          response,
          h(
            'p',
            { id: 'test-response-hint', class: 'hint' },
            'If you give one, the response is checked too, as in post_call.',
          ),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'test-mode' }, 'Mode'),
          mode,
          h(
            'p',
            { id: 'test-mode-hint', class: 'hint' },
            'Automatic: post_call when a response is given, otherwise the guardrail’s first mode.',
          ),
        ),
        h('div', { class: 'form-actions' }, run),
      ),
      output,
    ),
  );
}
