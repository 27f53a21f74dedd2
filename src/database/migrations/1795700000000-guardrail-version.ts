import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A version per guardrail row: admin writes apply only to the version they read (no lost or resurrected edits). */
export class GuardrailVersion1795700000000 implements MigrationInterface {
  name = 'GuardrailVersion1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'guardrails',
      new TableColumn({ name: 'version', type: 'integer', isNullable: false, default: 1 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('guardrails', 'version');
  }
}
