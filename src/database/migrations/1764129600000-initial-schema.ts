import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Guardrails and violations. Written with TypeORM's schema builder so it runs on SQLite and PostgreSQL alike. */
export class InitialSchema1764129600000 implements MigrationInterface {
  name = 'InitialSchema1764129600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const uuid = { type: 'varchar', length: '36', isPrimary: true };
    // timestamptz: instances in different time zones sharing one database agree on every instant.
    const timestamp = postgres ? 'timestamptz' : 'datetime';
    const now = postgres ? 'now()' : "(datetime('now'))";
    await queryRunner.createTable(
      new Table({
        name: 'guardrails',
        columns: [
          { name: 'id', ...uuid },
          { name: 'name', type: 'varchar', length: '128', isUnique: true },
          { name: 'provider', type: 'varchar', length: '32' },
          { name: 'modes', type: 'text' },
          { name: 'on_flagged', type: 'varchar', length: '16' },
          { name: 'on_error', type: 'varchar', length: '16' },
          { name: 'default_on', type: 'boolean' },
          { name: 'enabled', type: 'boolean' },
          { name: 'timeout_ms', type: 'integer' },
          { name: 'params', type: 'text' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'created_at', type: timestamp, default: now },
          { name: 'updated_at', type: timestamp, default: now },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'violations',
        columns: [
          { name: 'id', ...uuid },
          { name: 'occurred_at', type: timestamp },
          { name: 'request_id', type: 'varchar', length: '128' },
          { name: 'guardrail_name', type: 'varchar', length: '128' },
          { name: 'provider', type: 'varchar', length: '32' },
          { name: 'mode', type: 'varchar', length: '16' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'model', type: 'varchar', length: '256' },
          { name: 'caller_key_alias', type: 'varchar', length: '128' },
          { name: 'findings', type: 'text' },
          { name: 'vendor_response', type: 'text', isNullable: true },
          { name: 'excerpt', type: 'text', isNullable: true },
          { name: 'latency_ms', type: postgres ? 'double precision' : 'float' },
        ],
      }),
      true,
    );
    const indices: Array<[string, string[]]> = [
      ['idx_violations_occurred_at', ['occurred_at', 'id']],
      ['idx_violations_guardrail', ['guardrail_name', 'occurred_at']],
      ['idx_violations_action', ['action', 'occurred_at']],
      ['idx_violations_model', ['model', 'occurred_at']],
      ['idx_violations_request', ['request_id']],
    ];
    for (const [name, columnNames] of indices) {
      await queryRunner.createIndex('violations', new TableIndex({ name, columnNames }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('violations', true);
    await queryRunner.dropTable('guardrails', true);
  }
}
