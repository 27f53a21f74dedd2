import type { ViolationFilters, ViolationStats } from '../../api/types';
import { h, svg, uniqueId } from '../../dom';
import { scrollBox } from '../common';
import { countAxis, type ChartData } from './chart-data';
import { seriesClass } from './series-colours';

const WIDTH = 960;
const HEIGHT = 190;
const MARGIN = { top: 12, right: 8, bottom: 26, left: 40 };

/** `guardrail no-falcon, action blocked`: the filters the chart follows, besides the time range. */
export function filterLabel(filters: ViolationFilters): string {
  const parts = [
    filters.guardrail === undefined ? null : `guardrail ${filters.guardrail}`,
    filters.action === undefined ? null : `action ${filters.action}`,
    filters.model === undefined ? null : `model ${filters.model}`,
    filters.endpoint === undefined ? null : `endpoint ${filters.endpoint}`,
    filters.key_alias === undefined ? null : `key ${filters.key_alias}`,
    filters.team === undefined ? null : `team ${filters.team}`,
  ].filter((part) => part !== null);
  return parts.join(', ');
}

/**
 * Violations per UTC day as stacked bars, one colour per guardrail (the same in every view), drawn as inline SVG. It
 * counts what the log below lists: the same filters, said in the caption.
 */
export function violationsChart(
  data: ChartData,
  stats: ViolationStats,
  filters: ViolationFilters,
  colours: ReadonlyMap<string, number>,
): HTMLElement {
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const range = `${stats.from.slice(0, 10)} to ${stats.to.slice(0, 10)} (UTC)`;
  const filtered = filterLabel(filters);
  const busiest = data.days.reduce((best, day) => (day.total > best.total ? day : best), data.days[0]);
  const description =
    `${stats.total} violations from ${range}${filtered ? `, ${filtered}` : ''}` +
    (busiest && busiest.total > 0 ? `; the busiest day was ${busiest.day} with ${busiest.total}.` : '.');
  return h(
    'figure',
    { class: 'chart card', id: 'violations-chart' },
    h(
      'figcaption',
      {},
      h('h2', {}, 'Violations per day by guardrail'),
      h('span', { class: 'muted chart-scope' }, filtered ? `${range} · ${filtered}` : range),
    ),
    stats.total === 0
      ? h(
          'p',
          { class: 'muted' },
          filtered ? 'No violations in this period match these filters.' : 'No violations in this period.',
        )
      : [
          h('div', { class: 'chart-scroll' }, plot(data, colours, titleId, descId, description)),
          legend(data, stats, colours),
          numbers(data),
        ],
  );
}

function plot(
  data: ChartData,
  colours: ReadonlyMap<string, number>,
  titleId: string,
  descId: string,
  description: string,
): SVGSVGElement {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { max, ticks } = countAxis(Math.max(...data.days.map((day) => day.total)));
  const slot = plotWidth / Math.max(data.days.length, 1);
  const barWidth = Math.max(1, Math.min(slot * 0.72, 48));
  const y = (value: number): number => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const labelEvery = Math.ceil(data.days.length / 12);
  return svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      class: 'chart-svg',
      preserveAspectRatio: 'xMidYMid meet',
    },
    svg('title', { id: titleId }, 'Violations per day by guardrail'),
    svg('desc', { id: descId }, description),
    ticks.map((value) =>
      svg(
        'g',
        { class: 'tick' },
        svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }),
        svg('text', { x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, value),
      ),
    ),
    data.days.map((day, index) => {
      const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
      let base = 0;
      const rects = day.segments.map((segment) => {
        const rect = svg(
          'rect',
          {
            x,
            y: y(base + segment.count),
            width: barWidth,
            height: Math.max(0, y(base) - y(base + segment.count)),
            class: seriesClass(colours, segment.series),
            'data-day': day.day,
            'data-series': segment.series,
          },
          svg('title', {}, `${day.day} · ${segment.series}: ${segment.count}`),
        );
        base += segment.count;
        return rect;
      });
      const label =
        index % labelEvery === 0
          ? svg(
              'text',
              { x: x + barWidth / 2, y: HEIGHT - 8, 'text-anchor': 'middle', class: 'day-label' },
              day.day.slice(5),
            )
          : null;
      return svg('g', { class: 'bar' }, rects, label);
    }),
    svg('line', { class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }),
  );
}

function legend(data: ChartData, stats: ViolationStats, colours: ReadonlyMap<string, number>): HTMLElement {
  const totals = new Map(stats.by_guardrail.map((entry) => [entry.guardrail_name, entry.count]));
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Guardrails' },
    data.series.map((name) =>
      h(
        'li',
        {},
        h('span', { class: `swatch ${seriesClass(colours, name)}`, 'aria-hidden': 'true' }),
        name,
        totals.has(name) ? h('span', { class: 'muted' }, ` ${totals.get(name)}`) : null,
      ),
    ),
  );
}

/** The same numbers as a table, for screen readers and for reading exact values. */
function numbers(data: ChartData): HTMLElement {
  const days = data.days.filter((day) => day.total > 0);
  return h(
    'details',
    { class: 'chart-numbers' },
    h('summary', {}, 'Show the numbers'),
    scrollBox(
      h(
        'table',
        { class: 'compact' },
        h('caption', { class: 'visually-hidden' }, 'Violations per day by guardrail'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Day (UTC)'),
            data.series.map((name) => h('th', { scope: 'col' }, name)),
            h('th', { scope: 'col' }, 'Total'),
          ),
        ),
        h(
          'tbody',
          {},
          days.map((day) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, day.day),
              data.series.map((name) =>
                h('td', { class: 'number' }, day.segments.find((segment) => segment.series === name)?.count ?? 0),
              ),
              h('td', { class: 'number' }, day.total),
            ),
          ),
        ),
      ),
      'Violations per day by guardrail, in numbers',
    ),
  );
}
