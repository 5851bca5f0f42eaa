import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only events sent with an Idempotency-Key need the (instance, key) uniqueness and lookup; most
 * carry none. A partial index leaves those out, so appending an event maintains one index fewer.
 */
export class EngineIdempotencyIndex1795400000000 implements MigrationInterface {
  name = 'EngineIdempotencyIndex1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_workflow_events_idempotency"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_workflow_events_idempotency" ON "workflow_events" ("instance_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_workflow_events_idempotency"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_workflow_events_idempotency" ON "workflow_events" ("instance_id", "idempotency_key")`,
    );
  }
}
