import type { AppContext } from '../../app-context';
import type { Violation } from '../../api/types';
import { h } from '../../dom';
import { links } from '../../router';
import {
  badge,
  details,
  errorBox,
  formatLatency,
  formatTime,
  jsonBlock,
  linkButton,
  loading,
  pageHeading,
  runTask,
} from '../common';
import { findingsTable } from '../findings-table';

/** One violation: who, when, what was found, the vendor's answer and the (redacted) excerpt. */
export function violationPage(context: AppContext, id: string): HTMLElement {
  const page = h('section', {}, pageHeading('Violation'), loading('the violation'));
  runTask(
    async () => page.replaceWith(violationDetail(await context.violations.get(id))),
    (message) => page.append(errorBox(message)),
  );
  return page;
}

function violationDetail(violation: Violation): HTMLElement {
  return h(
    'section',
    { class: 'violation-detail' },
    pageHeading(
      `${violation.guardrail_name} · ${violation.action}`,
      linkButton(links.violations(), 'Back to violations', { class: 'button' }),
    ),
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        { class: 'card' },
        h('h2', {}, 'Request'),
        details([
          [
            'Time',
            h(
              'time',
              { datetime: violation.occurred_at },
              `${formatTime(violation.occurred_at)} (${violation.occurred_at})`,
            ),
          ],
          ['Request id', h('code', {}, violation.request_id)],
          ['Guardrail', violation.guardrail_name],
          ['Provider', h('code', {}, violation.provider)],
          ['Mode', violation.mode],
          ['Endpoint', violation.endpoint],
          ['Action', badge(violation.action)],
          ['Model', violation.model],
          ['Key', violation.caller_key_alias],
          ['Team', violation.key_team ?? '—'],
          ['Latency', formatLatency(violation.latency_ms)],
        ]),
        h('h2', {}, 'Findings'),
        findingsTable(violation.findings, 'Findings'),
      ),
      h(
        'div',
        { class: 'card' },
        h('h2', {}, 'Excerpt'),
        violation.excerpt === null
          ? h('p', { class: 'muted' }, 'No excerpt (general_settings.violation_excerpt: none).')
          : h('blockquote', { class: 'excerpt' }, violation.excerpt),
        h('h2', {}, 'Vendor response'),
        jsonBlock(violation.vendor_response, 'Vendor response'),
      ),
    ),
  );
}
