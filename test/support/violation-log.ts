import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { ViolationEntity } from '../../src/violations/violation.entity';

/**
 * A gateway config whose one model always answers `ok`, and whose `watch` guardrail (banned_keywords, monitor mode,
 * on for every request) logs each prompt that says `flagme` to `databaseUrl` without blocking it.
 */
export function monitoredKeywordConfig(databaseUrl: string): Record<string, unknown> {
  return {
    model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok' } }],
    guardrails: [
      {
        guardrail_name: 'watch',
        litellm_params: {
          guardrail: 'banned_keywords',
          mode: 'pre_call',
          on_flagged: 'monitor',
          default_on: true,
          keywords: ['flagme'],
        },
      },
    ],
    general_settings: { database_url: databaseUrl },
  };
}

/** How many violation rows the database at `databaseUrl` holds, read through a connection of its own. */
export async function countViolationRows(databaseUrl: string): Promise<number> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), migrationsRun: false });
  await dataSource.initialize();
  try {
    return await dataSource.getRepository(ViolationEntity).count();
  } finally {
    await dataSource.destroy();
  }
}
