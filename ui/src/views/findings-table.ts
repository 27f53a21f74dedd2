import type { Finding } from '../api/types';
import { h } from '../dom';
import { scrollBox } from './common';

/** Why a guardrail flagged: detector, type, count, score and rule, never the flagged text. */
export function findingsTable(findings: readonly Finding[], caption: string): HTMLElement {
  if (findings.length === 0) {
    return h('p', { class: 'muted' }, 'No findings.');
  }
  return scrollBox(
    h(
      'table',
      { class: 'compact' },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Detector', 'Type', 'Count', 'Score', 'Rule'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      h(
        'tbody',
        {},
        findings.map((finding) =>
          h(
            'tr',
            {},
            h('td', {}, finding.detector),
            h('td', {}, h('code', {}, finding.type)),
            h('td', { class: 'number' }, finding.count),
            h('td', { class: 'number' }, finding.score === undefined ? '' : finding.score.toFixed(2)),
            h('td', {}, finding.rule_id ?? ''),
          ),
        ),
      ),
    ),
    caption,
  );
}
