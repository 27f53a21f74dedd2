import type { DataSource } from 'typeorm';

/**
 * SQL for the UTC day (`YYYY-MM-DD`) of `v.occurred_at`.
 * - SQLite: TypeORM writes datetimes as UTC text `YYYY-MM-DD HH:MM:SS.SSS`; the day is its first ten characters.
 * - PostgreSQL: the column is `timestamptz`; its UTC wall time gives the day.
 */
export function utcDayExpression(dataSource: DataSource): string {
  const type = dataSource.options.type;
  if (type === 'sqlite') {
    return 'substr(v.occurred_at, 1, 10)';
  }
  if (type === 'postgres') {
    return `to_char(v.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  }
  throw new Error(`violation stats: unsupported database type ${type}`);
}
