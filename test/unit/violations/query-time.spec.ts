import { parseQueryTime } from '../../../src/violations/admin/query-time';

const iso = (value: string): string | undefined => parseQueryTime(value)?.toISOString();

describe(parseQueryTime.name, () => {
  it('reads RFC 3339 times, dates and numeric offsets', () => {
    expect(iso('2026-11-01T12:00:00Z')).toBe('2026-11-01T12:00:00.000Z');
    expect(iso('2026-11-01T12:00:00.250+05:30')).toBe('2026-11-01T06:30:00.250Z');
    expect(iso('2026-11-01T12:00+0530')).toBe('2026-11-01T06:30:00.000Z');
    expect(iso('2026-11-01')).toBe('2026-11-01T00:00:00.000Z');
    expect(iso('2028-02-29T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('reads a time without an offset as UTC, like a date alone, whatever the server time zone', () => {
    expect(iso('2026-11-01T13:00:00')).toBe('2026-11-01T13:00:00.000Z');
    expect(iso('2026-11-01 13:00')).toBe('2026-11-01T13:00:00.000Z');
  });

  it('rounds a fraction finer than a millisecond up, so bounds keep whole-millisecond rows on the right side', () => {
    expect(iso('2026-11-01T12:00:00.000500Z')).toBe('2026-11-01T12:00:00.001Z');
    expect(iso('2026-11-01T12:00:00.123000Z')).toBe('2026-11-01T12:00:00.123Z');
    expect(iso('2026-11-01T12:00:00.1Z')).toBe('2026-11-01T12:00:00.100Z');
  });

  it('refuses what JavaScript would misread or not read at all', () => {
    for (const value of [
      '20261101T130000Z',
      '2026-11-01T18:00:00+05',
      '2026-W45-1',
      '2026-13-01T00:00:00Z',
      '2026-02-30',
      '2026-11-31T12:00:00Z',
      '2026-11-01T24:00:00Z',
      '2026-11-01T12:60:00Z',
      '-271821-04-20T00:00:00.000Z',
      'yesterday',
      '',
    ]) {
      expect({ value, parsed: parseQueryTime(value) }).toEqual({ value, parsed: undefined });
    }
  });
});
