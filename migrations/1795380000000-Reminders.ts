import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disablePartnershipRowLevelSecurity,
  enablePartnershipRowLevelSecurity,
} from './support/row-level-security';

const EMAIL_LOG_VISIBLE = `CASE WHEN partnership_id IS NOT NULL THEN app_partnership_visible(partnership_id)
  ELSE EXISTS (SELECT 1 FROM partnership_members pm
    WHERE pm.person_id = email_log.person_id AND app_partnership_visible(pm.partnership_id)) END`;

/**
 * The reminder system: planned reminders per task slot, the log of every email, partnership
 * settings and personal preferences. Row-level security by partnership on all but preferences.
 */

export class Reminders1795380000000 implements MigrationInterface {
  name = 'Reminders1795380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reminders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "key" character varying(120) NOT NULL,
                "kind" character varying(16) NOT NULL,
                "sequence" integer NOT NULL,
                "due_on" date NOT NULL,
                "send_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" character varying(16) NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "claimed_by" integer,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "skip_reason" character varying(20),
                "superseded_by" character varying(120),
                "error_code" character varying(40),
                "smtp_status" integer,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_reminders_kind" CHECK (
                    "kind" IN ('before', 'due', 'overdue', 'escalation')
                ),
                CONSTRAINT "ck_reminders_status" CHECK (
                    "status" IN (
                        'planned',
                        'sending',
                        'sent',
                        'skipped',
                        'cancelled',
                        'failed'
                    )
                ),
                CONSTRAINT "pk_reminders" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reminders_key" ON "reminders" ("key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reminders_task" ON "reminders" ("task_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "email_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid,
                "message_key" character varying(200) NOT NULL,
                "reminder_id" uuid,
                "person_id" uuid NOT NULL,
                "template" character varying(20) NOT NULL,
                "status" character varying(16) NOT NULL,
                "claimed_by" integer,
                "message_id" character varying(200),
                "error_code" character varying(40),
                "smtp_status" integer,
                "permanent" boolean,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_email_log_status" CHECK (
                    "status" IN ('sending', 'sent', 'failed', 'skipped')
                ),
                CONSTRAINT "pk_email_log" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_email_log_person" ON "email_log" ("person_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_email_log_reminder" ON "email_log" ("reminder_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_preferences" (
                "person_id" uuid NOT NULL,
                "delivery" character varying(16) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_reminder_preferences_delivery" CHECK ("delivery" IN ('individual', 'daily-digest')),
                CONSTRAINT "pk_reminder_preferences" PRIMARY KEY ("person_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_settings" (
                "partnership_id" uuid NOT NULL,
                "overrides" jsonb NOT NULL,
                "version" integer NOT NULL,
                "applied_version" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_by_person_id" uuid,
                CONSTRAINT "pk_reminder_settings" PRIMARY KEY ("partnership_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "fk_reminders_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders"
            ADD CONSTRAINT "fk_reminders_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "email_log"
            ADD CONSTRAINT "fk_email_log_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "email_log"
            ADD CONSTRAINT "fk_email_log_reminder" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "email_log"
            ADD CONSTRAINT "fk_email_log_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_preferences"
            ADD CONSTRAINT "fk_reminder_preferences_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_settings"
            ADD CONSTRAINT "fk_reminder_settings_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_settings"
            ADD CONSTRAINT "fk_reminder_settings_updated_by" FOREIGN KEY ("updated_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reminders_planned_send_at" ON "reminders" ("send_at") WHERE "status" = 'planned'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reminders_sending" ON "reminders" ("claimed_by") WHERE "status" = 'sending'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reminders_failed" ON "reminders" ("partnership_id", "updated_at") WHERE "status" = 'failed'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_email_log_message_key" ON "email_log" ("message_key") WHERE "status" <> 'failed'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_email_log_sending" ON "email_log" ("claimed_by") WHERE "status" = 'sending'
        `);
    await enablePartnershipRowLevelSecurity(queryRunner, ['reminders', 'reminder_settings']);
    // A digest (no partnership) is visible to the partnerships its recipient belongs to.
    await queryRunner.query(`ALTER TABLE "email_log" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
            CREATE POLICY "email_log_partnership" ON "email_log"
            USING (${EMAIL_LOG_VISIBLE}) WITH CHECK (${EMAIL_LOG_VISIBLE})
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY "email_log_partnership" ON "email_log"`);
    await queryRunner.query(`ALTER TABLE "email_log" DISABLE ROW LEVEL SECURITY`);
    await disablePartnershipRowLevelSecurity(queryRunner, ['reminder_settings', 'reminders']);
    await queryRunner.query(`DROP INDEX "public"."ix_email_log_sending"`);
    await queryRunner.query(`DROP INDEX "public"."uq_email_log_message_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_failed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_sending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_planned_send_at"`);
    await queryRunner.query(`
            ALTER TABLE "reminder_settings" DROP CONSTRAINT "fk_reminder_settings_updated_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_settings" DROP CONSTRAINT "fk_reminder_settings_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_preferences" DROP CONSTRAINT "fk_reminder_preferences_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "email_log" DROP CONSTRAINT "fk_email_log_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "email_log" DROP CONSTRAINT "fk_email_log_reminder"
        `);
    await queryRunner.query(`
            ALTER TABLE "email_log" DROP CONSTRAINT "fk_email_log_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "fk_reminders_task"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminders" DROP CONSTRAINT "fk_reminders_partnership"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_settings"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_preferences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_email_log_reminder"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_email_log_person"
        `);
    await queryRunner.query(`
            DROP TABLE "email_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reminders_task"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_reminders_key"
        `);
    await queryRunner.query(`
            DROP TABLE "reminders"
        `);
  }
}
