import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a violation's verdict came from the guardrail's verdict cache (`cache_ttl_seconds`) instead of a vendor
 * call. Rows written before it read false, which is what they were. As for `endpoint`: one `ALTER TABLE ... ADD
 * COLUMN` with a constant default on both databases, which neither SQLite nor PostgreSQL 11+ rewrites the table for.
 */
export class ViolationCached1797100000000 implements MigrationInterface {
  name = 'ViolationCached1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const no = queryRunner.connection.options.type === 'postgres' ? 'false' : '0';
    await queryRunner.query(`ALTER TABLE "violations" ADD COLUMN "cached" boolean NOT NULL DEFAULT ${no}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('violations', 'cached');
  }
}
