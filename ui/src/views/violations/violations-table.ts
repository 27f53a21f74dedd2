import type { Finding, Violation } from '../../api/types';
import { h } from '../../dom';
import { links } from '../../router';
import { badge, formatLatency, formatTime, scrollBox } from '../common';

function findingsSummary(findings: readonly Finding[]): string {
  return findings.map((finding) => (finding.count > 1 ? `${finding.type} ×${finding.count}` : finding.type)).join(', ');
}

/** One page of the violation log; each row links to its detail. */
export function violationsTable(rows: readonly Violation[]): HTMLElement {
  const headers = ['Time', 'Guardrail', 'Action', 'Mode', 'Endpoint', 'Model', 'Key', 'Team', 'Findings', 'Latency'];
  return scrollBox(
    h(
      'table',
      { class: 'data', id: 'violations-table' },
      h('caption', { class: 'visually-hidden' }, 'Violations, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((title) => h('th', { scope: 'col' }, title)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Details')),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { 'data-violation': row.id },
            h(
              'td',
              { class: 'nowrap' },
              h('time', { datetime: row.occurred_at, title: row.occurred_at }, formatTime(row.occurred_at)),
            ),
            h('th', { scope: 'row' }, row.guardrail_name),
            h('td', {}, badge(row.action)),
            h('td', {}, row.mode),
            h('td', {}, row.endpoint),
            h('td', {}, row.model),
            h('td', {}, row.caller_key_alias),
            h('td', {}, row.key_team ?? '—'),
            h('td', { class: 'findings-cell' }, findingsSummary(row.findings)),
            h('td', { class: 'number nowrap' }, formatLatency(row.latency_ms)),
            h(
              'td',
              {},
              h(
                'a',
                {
                  href: links.violation(row.id),
                  class: 'button small',
                  'aria-label': `Details of the ${row.guardrail_name} violation at ${formatTime(row.occurred_at)}`,
                },
                'Details',
              ),
            ),
          ),
        ),
      ),
    ),
    'Violations',
  );
}
