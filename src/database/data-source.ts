import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { GuardrailEntity } from '../guardrails/guardrail.entity';
import { ViolationEntity } from '../violations/violation.entity';
import { InitialSchema1764129600000 } from './migrations/1764129600000-initial-schema';

export const DEFAULT_SQLITE_PATH = './data/warden.sqlite';

export const ENTITIES = [GuardrailEntity, ViolationEntity];
export const MIGRATIONS = [InitialSchema1764129600000];

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/**
 * SQLite (one WAL-mode file, created on first start) unless the URL is postgres://. Migrations run at startup;
 * the schema is never synchronized from the entities.
 */
export function dataSourceOptions(databaseUrl: string | undefined): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  } as const;
  if (isPostgresUrl(databaseUrl)) {
    return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 10, connectionTimeoutMillis: 5000 } };
  }
  const file = sqlitePath(databaseUrl);
  if (file !== ':memory:') {
    mkdirSync(dirname(resolve(file)), { recursive: true });
  }
  return { ...common, type: 'sqlite', database: file, enableWAL: file !== ':memory:', busyTimeout: 5000 };
}

/** `sqlite:///abs/path.sqlite`, `sqlite:relative.sqlite`, `file:...` or a bare path; default ./data/warden.sqlite. */
function sqlitePath(url: string | undefined): string {
  if (url === undefined || url === '') {
    return DEFAULT_SQLITE_PATH;
  }
  const stripped = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:(\/\/)?/, '');
  return stripped === '' ? DEFAULT_SQLITE_PATH : stripped;
}
