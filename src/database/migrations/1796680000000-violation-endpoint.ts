import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The API each violation came through. Rows written before it read `chat`, the only API Warden served then; the
 * default stays, so an instance still on the previous version keeps inserting (its rows are chat rows) during a
 * rolling upgrade.
 *
 * One `ALTER TABLE ... ADD COLUMN` on both databases, instead of TypeORM's `addColumn`, which on SQLite copies the
 * whole table into a new one: SQLite adds a column with a constant default in place, and PostgreSQL 11+ keeps such a
 * default in the catalog without rewriting the rows, so a large violation log migrates in milliseconds.
 */
export class ViolationEndpoint1796680000000 implements MigrationInterface {
  name = 'ViolationEndpoint1796680000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "violations" ADD COLUMN "endpoint" varchar(16) NOT NULL DEFAULT 'chat'`);
    await queryRunner.createIndex(
      'violations',
      new TableIndex({ name: 'idx_violations_endpoint', columnNames: ['endpoint', 'occurred_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('violations', 'idx_violations_endpoint');
    await queryRunner.dropColumn('violations', 'endpoint');
  }
}
