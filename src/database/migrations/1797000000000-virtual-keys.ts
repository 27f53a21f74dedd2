import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Virtual keys (stored as the SHA-256 of the secret, never the secret) and the key's team on each violation row.
 * The violation column is one `ALTER TABLE ... ADD COLUMN` (nullable, no default: no table rewrite on either
 * database), and two indices serve the admin API's filters by key alias and by team.
 */
export class VirtualKeys1797000000000 implements MigrationInterface {
  name = 'VirtualKeys1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const timestamp = postgres ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'virtual_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'key_name', type: 'varchar', length: '16' },
          { name: 'alias', type: 'varchar', length: '128', isUnique: true },
          { name: 'team', type: 'varchar', length: '128', isNullable: true },
          { name: 'models', type: 'text' },
          { name: 'guardrails', type: 'text' },
          { name: 'allow_request_guardrails', type: 'boolean' },
          { name: 'metadata', type: 'text' },
          { name: 'enabled', type: 'boolean' },
          { name: 'expires_at', type: timestamp, isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
      }),
      true,
    );
    await queryRunner.query(`ALTER TABLE "violations" ADD COLUMN "key_team" varchar(128)`);
    await queryRunner.createIndex(
      'violations',
      new TableIndex({ name: 'idx_violations_key', columnNames: ['caller_key_alias', 'occurred_at'] }),
    );
    await queryRunner.createIndex(
      'violations',
      new TableIndex({ name: 'idx_violations_team', columnNames: ['key_team', 'occurred_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('violations', 'idx_violations_team');
    await queryRunner.dropIndex('violations', 'idx_violations_key');
    await queryRunner.dropColumn('violations', 'key_team');
    await queryRunner.dropTable('virtual_keys', true);
  }
}
