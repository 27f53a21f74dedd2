import type { ViolationsApi } from '../../api/violations.api';
import type { ViolationFilters, ViolationStats } from '../../api/types';
import { chartData, type ChartData } from './chart-data';

/** The chart's data for a time range, from GET /admin/violations/stats (exact counts per day and guardrail). */
export async function loadChart(
  api: ViolationsApi,
  range: Pick<ViolationFilters, 'from' | 'to'>,
): Promise<{ stats: ViolationStats; data: ChartData }> {
  const stats = await api.stats(range);
  return { stats, data: chartData(stats) };
}
