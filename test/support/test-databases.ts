import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server the suites run against; CI sets it, and a missing server fails the suite (never skips). */
export const POSTGRES_URL = process.env.WARDEN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** A fresh, empty database for one suite. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

export const SQLITE: TestDatabase = {
  kind: 'sqlite',
  create: () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-db-'));
    return Promise.resolve({ url: `sqlite:${join(dir, 'warden.sqlite')}`, drop: () => Promise.resolve() });
  },
};

export const POSTGRES: TestDatabase = {
  kind: 'postgres',
  create: async () => {
    const name = `warden_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const client = new Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    };
  },
};

/** Run a suite once per database: `describe.each(DATABASES)('... on $kind', (db) => ...)`. */
export const DATABASES: TestDatabase[] = [SQLITE, POSTGRES];
