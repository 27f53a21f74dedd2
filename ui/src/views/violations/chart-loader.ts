import type { ViolationsApi } from '../../api/violations.api';
import type { ViolationFilters, ViolationStats } from '../../api/types';
import { chartData, type ChartData } from './chart-data';

export interface LoadedChart {
  /** Counts under every filter of the log, as its table: what the chart shows. */
  stats: ViolationStats;
  data: ChartData;
  /** Every guardrail with violations in the time range, whatever the other filters (deleted ones included). */
  namesInRange: string[];
}

/** The chart's data from GET /admin/violations/stats (exact counts per day and guardrail), with the log's filters. */
export async function loadChart(api: ViolationsApi, filters: ViolationFilters): Promise<LoadedChart> {
  const range = { from: filters.from, to: filters.to };
  const narrowed =
    filters.guardrail !== undefined ||
    filters.action !== undefined ||
    filters.model !== undefined ||
    filters.endpoint !== undefined ||
    filters.key_alias !== undefined ||
    filters.team !== undefined;
  const [stats, wide] = await Promise.all([api.stats(filters), narrowed ? api.stats(range) : undefined]);
  return {
    stats,
    data: chartData(stats),
    namesInRange: (wide ?? stats).by_guardrail.map((entry) => entry.guardrail_name),
  };
}
