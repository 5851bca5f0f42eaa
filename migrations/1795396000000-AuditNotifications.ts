import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disablePartnershipRowLevelSecurity,
  enablePartnershipRowLevelSecurity,
} from './support/row-level-security';

const TABLES = ['audit_notifications'];

/**
 * Who was told, by email, that an immediate concern was actioned, a return was reopened or an
 * audit meeting moved: one row per event, kind and person, so a re-run tells nobody twice.
 * Fenced by partnership (row-level security) like the audit's other tables.
 */
export class AuditNotifications1795396000000 implements MigrationInterface {
  name = 'AuditNotifications1795396000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "kind" character varying(32) NOT NULL,
                "person_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL,
                "failure_code" character varying(32),
                "message_id" character varying(300),
                "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_audit_notifications_kind" CHECK ("kind" IN ('immediate-concern-actioned', 'return-reopened', 'meeting-date-changed')),
                CONSTRAINT "ck_audit_notifications_status" CHECK ("status" IN ('sent', 'failed')),
                CONSTRAINT "pk_audit_notifications" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_notifications_person" ON "audit_notifications" ("event_id", "kind", "person_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_notifications_instance" ON "audit_notifications" ("instance_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_notifications"
            ADD CONSTRAINT "fk_audit_notifications_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_notifications"
            ADD CONSTRAINT "fk_audit_notifications_audit" FOREIGN KEY ("instance_id") REFERENCES "audits"("instance_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_notifications"
            ADD CONSTRAINT "fk_audit_notifications_event" FOREIGN KEY ("event_id") REFERENCES "workflow_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_notifications"
            ADD CONSTRAINT "fk_audit_notifications_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await enablePartnershipRowLevelSecurity(queryRunner, TABLES);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await disablePartnershipRowLevelSecurity(queryRunner, TABLES);
    await queryRunner.query(`DROP TABLE "audit_notifications"`);
  }
}
