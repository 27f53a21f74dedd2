import type { MigrationInterface, QueryRunner } from 'typeorm';

const BUILT_IN_PROVIDERS = "('pii', 'secrets', 'banned_keywords', 'prompt_injection')";

/**
 * The built-in guardrails' stored vendor responses name a detection's rule `rule_id` (snake_case, as the rest of
 * Warden's JSON and the findings of the admin API), no longer `ruleId`. Vendors' own responses are left as they were
 * sent. `vendor_response` is JSON text on SQLite and PostgreSQL alike.
 */
export class SnakeCaseDetections1796700000000 implements MigrationInterface {
  name = 'SnakeCaseDetections1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE violations SET vendor_response = REPLACE(vendor_response, '"ruleId":', '"rule_id":') ` +
        `WHERE provider IN ${BUILT_IN_PROVIDERS} AND vendor_response LIKE '%"ruleId":%'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE violations SET vendor_response = REPLACE(vendor_response, '"rule_id":', '"ruleId":') ` +
        `WHERE provider IN ${BUILT_IN_PROVIDERS} AND vendor_response LIKE '%"rule_id":%'`,
    );
  }
}
