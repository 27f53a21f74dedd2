import type { ViolationStats } from '../../api/types';

export interface ChartDay {
  /** UTC day, YYYY-MM-DD */
  day: string;
  total: number;
  /** Count per series name, in series order; zero counts left out. */
  segments: { series: string; count: number }[];
}

export interface ChartData {
  days: ChartDay[];
  /** Guardrail names, most violations first. */
  series: string[];
}

const DAY_MS = 86_400_000;

/** Every UTC day in [from, to). */
export function utcDays(from: string, to: string): string[] {
  const start = Date.UTC(...ymd(from));
  const end = Date.parse(to) - 1;
  const days: string[] = [];
  for (let time = start; time <= end && days.length < 1000; time += DAY_MS) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

function ymd(iso: string): [number, number, number] {
  const date = new Date(iso);
  return [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
}

/** Violations per UTC day, stacked by guardrail, every day of the range included (empty days as zero). */
export function chartData(stats: ViolationStats): ChartData {
  const split = new Map<string, Map<string, number>>();
  for (const { day, guardrail_name, count } of stats.by_day_by_guardrail) {
    const counts = split.get(day) ?? new Map<string, number>();
    counts.set(guardrail_name, count);
    split.set(day, counts);
  }
  const series = stats.by_guardrail.map((entry) => entry.guardrail_name);
  const days = utcDays(stats.from, stats.to).map((day): ChartDay => {
    const counts = split.get(day) ?? new Map<string, number>();
    const segments = series
      .map((name) => ({ series: name, count: counts.get(name) ?? 0 }))
      .filter((segment) => segment.count > 0);
    return { day, total: segments.reduce((sum, segment) => sum + segment.count, 0), segments };
  });
  return { days, series };
}

/** A round number at or above `value`: 1, 2, 5, 10, 20, 50, ... */
export function roundUp(value: number): number {
  if (value <= 1) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const factor = [1, 2, 5, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return factor * magnitude;
}

/** The count axis for a tallest bar of `tallest`: whole-number ticks, about five of them, up to `max`. */
export function countAxis(tallest: number): { max: number; ticks: number[] } {
  const step = roundUp(tallest / 5);
  const max = Math.max(step, Math.ceil(tallest / step) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= max; value += step) {
    ticks.push(value);
  }
  return { max, ticks };
}
