import { QueryFailedError } from 'typeorm';

/** Whether a write failed on a unique constraint (PostgreSQL 23505, SQLite UNIQUE): a concurrent duplicate. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: unknown } | undefined;
  return driverError?.code === '23505' || /UNIQUE constraint failed/i.test(error.message);
}
