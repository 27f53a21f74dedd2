import type { TestResult } from '../../api/types';
import { h } from '../../dom';
import { badge, details, formatLatency, jsonBlock } from '../common';
import { findingsTable } from '../findings-table';

const DECISIONS: Record<TestResult['decision'], string> = {
  pass: 'Passes: a chat request goes on.',
  block: 'Blocks: a chat request gets HTTP 400.',
  mask: 'Masks: a chat request goes on with the rewritten text below.',
  monitor: 'Monitors: a chat request goes on unchanged, and the violation is recorded.',
  allow_error: 'The vendor failed; on_error: allow lets a chat request through.',
  unavailable: 'The vendor failed; a chat request gets HTTP 503.',
};

/** The verdict of one test run, and what a chat request would get. */
export function testResult(result: TestResult): HTMLElement {
  return h(
    'div',
    { class: 'test-result', 'data-outcome': result.outcome },
    h('h2', {}, 'Verdict'),
    details([
      ['Outcome', badge(result.outcome)],
      ['Decision', [badge(result.decision), ' ', DECISIONS[result.decision]]],
      ['Mode', result.mode],
      ['Latency', formatLatency(result.latency_ms)],
      ...(result.error === undefined ? [] : [['Error', result.error] as [string, string]]),
    ]),
    h('h3', {}, 'Findings'),
    findingsTable(result.findings, 'Findings of the test run'),
    result.rewrite === undefined ? null : [h('h3', {}, 'Rewrite'), jsonBlock(result.rewrite, 'Rewritten content')],
    h('h3', {}, 'Vendor response'),
    jsonBlock(result.vendor_response, 'Vendor response'),
  );
}
