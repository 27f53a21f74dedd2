import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { GuardrailEntity } from '../guardrails/guardrail.entity';
import { VirtualKeyEntity } from '../keys/virtual-key.entity';
import { ViolationEntity } from '../violations/violation.entity';
import { InitialSchema1764129600000 } from './migrations/1764129600000-initial-schema';
import { GuardrailVersion1795700000000 } from './migrations/1795700000000-guardrail-version';
import { ViolationEndpoint1796680000000 } from './migrations/1796680000000-violation-endpoint';
import { SnakeCaseDetections1796700000000 } from './migrations/1796700000000-snake-case-detections';
import { VirtualKeys1797000000000 } from './migrations/1797000000000-virtual-keys';
import { ViolationCached1797100000000 } from './migrations/1797100000000-violation-cached';

export const DEFAULT_SQLITE_PATH = './data/warden.sqlite';

export const ENTITIES = [GuardrailEntity, ViolationEntity, VirtualKeyEntity];
export const MIGRATIONS = [
  InitialSchema1764129600000,
  GuardrailVersion1795700000000,
  ViolationEndpoint1796680000000,
  SnakeCaseDetections1796700000000,
  VirtualKeys1797000000000,
  ViolationCached1797100000000,
];

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
  return {
    ...common,
    type: 'sqlite',
    database: file,
    driver: sqlite3WithoutTracing(),
    enableWAL: file !== ':memory:',
    busyTimeout: 5000,
  };
}

/**
 * TypeORM switches sqlite3 to verbose mode, which wraps every call to keep a long stack trace and renders every
 * argument with util.inspect, the 250-row parameter list of a violation batch included (about 10 µs per stored row in
 * the profile). The driver it is given answers `verbose()` with the plain module; errors keep their message.
 */
function sqlite3WithoutTracing(): typeof Sqlite3 {
  // Loaded here, not at the top, so a PostgreSQL deployment never loads the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as typeof Sqlite3;
  return Object.assign(Object.create(sqlite3) as typeof Sqlite3, { verbose: () => sqlite3 });
}

/** `sqlite:///abs/path.sqlite`, `sqlite:relative.sqlite`, `file:...` or a bare path; default ./data/warden.sqlite. */
function sqlitePath(url: string | undefined): string {
  if (url === undefined || url === '') {
    return DEFAULT_SQLITE_PATH;
  }
  const stripped = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:(\/\/)?/, '');
  return stripped === '' ? DEFAULT_SQLITE_PATH : stripped;
}
