import type { ViolationStats } from '../../ui/src/api/types';
import { chartData, countAxis, utcDays } from '../../ui/src/views/violations/chart-data';

function stats(overrides: Partial<ViolationStats>): ViolationStats {
  return {
    from: '2026-11-24T00:00:00.000Z',
    to: '2026-11-27T00:00:00.000Z',
    total: 0,
    by_guardrail: [],
    by_action: { blocked: 0, monitored: 0, masked: 0, error: 0 },
    by_endpoint: { chat: 0, responses: 0, messages: 0, completions: 0, embeddings: 0 },
    by_day: [],
    by_day_by_guardrail: [],
    ...overrides,
  };
}

describe(chartData.name, () => {
  it('has one bar per UTC day of [from, to), empty days included', () => {
    const data = chartData(stats({}));
    expect(data.days.map((day) => day.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(data.days.every((day) => day.total === 0 && day.segments.length === 0)).toBe(true);
  });

  it('stacks each day by guardrail, most violations first', () => {
    const data = chartData(
      stats({
        total: 3,
        by_guardrail: [
          { guardrail_name: 'pii', count: 2 },
          { guardrail_name: 'no-falcon', count: 1 },
        ],
        by_day: [{ day: '2026-11-25', count: 3 }],
        by_day_by_guardrail: [
          { day: '2026-11-25', guardrail_name: 'no-falcon', count: 1 },
          { day: '2026-11-25', guardrail_name: 'pii', count: 2 },
        ],
      }),
    );
    expect(data.series).toEqual(['pii', 'no-falcon']);
    expect(data.days[1]).toEqual({
      day: '2026-11-25',
      total: 3,
      segments: [
        { series: 'pii', count: 2 },
        { series: 'no-falcon', count: 1 },
      ],
    });
  });
});

describe(utcDays.name, () => {
  it('counts a partial first day and stops before `to`', () => {
    expect(utcDays('2026-10-31T15:30:00.000Z', '2026-11-02T00:00:00.000Z')).toEqual(['2026-10-31', '2026-11-01']);
  });
});

describe(countAxis.name, () => {
  it.each([
    [1, 1, [0, 1]],
    [3, 3, [0, 1, 2, 3]],
    [7, 8, [0, 2, 4, 6, 8]],
    [42, 50, [0, 10, 20, 30, 40, 50]],
    [180, 200, [0, 50, 100, 150, 200]],
  ])('puts a tallest bar of %i under a round maximum %i with whole-number ticks', (tallest, max, ticks) => {
    expect(countAxis(tallest)).toEqual({ max, ticks });
  });
});
