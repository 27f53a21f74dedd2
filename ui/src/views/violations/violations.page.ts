import type { AppContext } from '../../app-context';
import type { ViolationFilters } from '../../api/types';
import { h, replaceChildren } from '../../dom';
import { links } from '../../router';
import { errorBox, loading, pageHeading, runTask } from '../common';
import { loadChart } from './chart-loader';
import { violationFilters } from './violation-filters';
import { filtersFromQuery, queryFromFilters } from './violation-query';
import { seriesColours } from './series-colours';
import { violationsChart } from './violations-chart';
import { violationsTable } from './violations-table';

const PAGE_SIZE = 25;

/** The violation log: filters, a chart per day by guardrail and a paged table (cursor pagination), both filtered. */
export function violationsPage(context: AppContext, query: URLSearchParams): HTMLElement {
  const filters = filtersFromQuery(query);
  const filterBox = h('div', {});
  const chartBox = h('div', {}, loading('the chart'));
  const tableBox = h('div', { 'aria-live': 'polite' }, loading('violations'));
  /** Cursors of the pages before the current one, for "Previous". */
  const cursors: (string | undefined)[] = [];
  let cursor: string | undefined;

  const apply = (next: ViolationFilters): void => context.navigate(links.violations(queryFromFilters(next)));

  function loadPage(): void {
    runTask(
      async () => {
        const page = await context.violations.list(filters, { limit: PAGE_SIZE, cursor });
        const first = cursors.length * PAGE_SIZE + 1;
        const last = cursors.length * PAGE_SIZE + page.data.length;
        const previous = h('button', { type: 'button', disabled: cursors.length === 0 }, 'Previous');
        const next = h('button', { type: 'button', disabled: page.next_cursor === null }, 'Next');
        previous.addEventListener('click', () => {
          cursor = cursors.pop();
          loadPage();
        });
        next.addEventListener('click', () => {
          cursors.push(cursor);
          cursor = page.next_cursor ?? undefined;
          loadPage();
        });
        replaceChildren(
          tableBox,
          page.data.length === 0
            ? h('p', { class: 'muted' }, 'No violations match these filters.')
            : violationsTable(page.data),
          h(
            'nav',
            { class: 'pager', 'aria-label': 'Pages' },
            h('span', { class: 'muted' }, page.total === 0 ? '' : `${first}–${last} of ${page.total}`),
            previous,
            next,
          ),
        );
      },
      (message) => replaceChildren(tableBox, errorBox(message)),
    );
  }

  // The filter offers every guardrail configured or seen in the log (deleted ones too, so a bar can be narrowed to),
  // and the chart colours each one the same way in every view.
  runTask(
    async () => {
      const [guardrails, chart] = await Promise.all([
        context.guardrails.list(),
        loadChart(context.violations, filters),
      ]);
      const configured = guardrails.map((g) => g.guardrail_name);
      const colours = seriesColours(configured, chart.namesInRange);
      replaceChildren(filterBox, violationFilters(filters, [...configured, ...chart.namesInRange], apply));
      replaceChildren(chartBox, violationsChart(chart.data, chart.stats, filters, colours));
    },
    (message) => {
      replaceChildren(filterBox, errorBox(message));
      replaceChildren(chartBox);
    },
  );
  loadPage();

  return h(
    'section',
    {},
    pageHeading(
      'Violations',
      h('button', { type: 'button', onclick: () => context.navigate(location.hash) }, 'Refresh'),
    ),
    filterBox,
    chartBox,
    h('h2', { class: 'table-title' }, 'Log'),
    tableBox,
  );
}
