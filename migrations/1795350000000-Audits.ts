import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disablePartnershipRowLevelSecurity,
  enablePartnershipRowLevelSecurity,
} from './support/row-level-security';

const RLS_TABLES = [
  'audit_tools',
  'audit_tool_versions',
  'audits',
  'audit_cases',
  'case_identifiers',
  'audit_returns',
  'immediate_concerns',
  'concern_notifications',
  'audit_programmes',
  'audit_programme_entries',
];

/**
 * The audits module's tables: audit tools and their versions, audits beside their workflow
 * instances, pseudonymised cases with their identifying details kept apart, agency returns,
 * immediate concerns and who was told of them, and audit programmes. Every table is fenced by
 * partnership (row-level security).
 */
export class Audits1795350000000 implements MigrationInterface {
  name = 'Audits1795350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_tools" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "description" text,
                "latest_version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_audit_tools" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_tools_partnership_name" ON "audit_tools" ("partnership_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_tool_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "tool_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "domains" jsonb NOT NULL,
                "grade_scale" jsonb NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_by_person_id" uuid,
                CONSTRAINT "pk_audit_tool_versions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_tool_versions_tool_version" ON "audit_tool_versions" ("tool_id", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "audits" (
                "instance_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "theme" character varying(200) NOT NULL,
                "scope" text NOT NULL,
                "look_back_months" integer NOT NULL,
                "tool_version_id" uuid NOT NULL,
                "meeting_on" date NOT NULL,
                "agency_ids" uuid array NOT NULL DEFAULT '{}',
                "audits_closed_on" date,
                "meeting_held_on" date,
                "meeting_findings" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_by_person_id" uuid,
                CONSTRAINT "pk_audits" PRIMARY KEY ("instance_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audits_partnership" ON "audits" ("partnership_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "case_key" character varying(1) NOT NULL,
                "pseudonym" character varying(20) NOT NULL,
                "moderated_grade" character varying(32),
                "findings" text,
                "moderated_at" TIMESTAMP WITH TIME ZONE,
                "moderated_by_person_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_audit_cases_key" CHECK ("case_key" ~ '^[A-Z]$'),
                CONSTRAINT "pk_audit_cases" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_cases_instance_key" ON "audit_cases" ("instance_id", "case_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_programmes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "starts_on" date NOT NULL,
                "interval_weeks" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_by_person_id" uuid,
                CONSTRAINT "pk_audit_programmes" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_programmes_partnership" ON "audit_programmes" ("partnership_id", "starts_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_programme_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "programme_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "planned_on" date NOT NULL,
                "instance_id" uuid,
                "started_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_audit_programme_entries" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_programme_entries_instance" ON "audit_programme_entries" ("instance_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_programme_entries_sequence" ON "audit_programme_entries" ("programme_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_returns" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "tool_version_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL,
                "domain_grades" jsonb NOT NULL DEFAULT '{}',
                "overall_grade" character varying(32),
                "answers" jsonb NOT NULL DEFAULT '{}',
                "strengths" text,
                "areas_for_development" text,
                "free_text" text,
                "version" integer NOT NULL,
                "late" boolean NOT NULL DEFAULT false,
                "first_submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "reopen_count" integer NOT NULL DEFAULT '0',
                "reopen_reason" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_by_person_id" uuid,
                CONSTRAINT "ck_audit_returns_status" CHECK (
                    "status" IN ('not-started', 'draft', 'submitted', 'reopened')
                ),
                CONSTRAINT "pk_audit_returns" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_returns_case" ON "audit_returns" ("case_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_returns_case_agency" ON "audit_returns" ("instance_id", "case_id", "agency_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_identifiers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "full_name" character varying(200) NOT NULL,
                "date_of_birth" date NOT NULL,
                "address" text,
                "record_numbers" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_case_identifiers" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_identifiers_case" ON "case_identifiers" ("case_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "immediate_concerns" (
                "id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "case_id" uuid,
                "concern" text NOT NULL,
                "status" character varying(16) NOT NULL,
                "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "raised_on" date NOT NULL,
                "raised_by_person_id" uuid,
                "raised_by_agency_id" uuid,
                "idempotency_key" character varying(200),
                "action_taken" text,
                "actioned_at" TIMESTAMP WITH TIME ZONE,
                "actioned_by_person_id" uuid,
                CONSTRAINT "ck_immediate_concerns_status" CHECK ("status" IN ('open', 'actioned')),
                CONSTRAINT "pk_immediate_concerns" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_immediate_concerns_idempotency" ON "immediate_concerns" (
                "instance_id",
                "raised_by_person_id",
                "idempotency_key"
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_immediate_concerns_instance" ON "immediate_concerns" ("instance_id", "raised_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "concern_notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "concern_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL,
                "failure_code" character varying(32),
                "message_id" character varying(300),
                "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_concern_notifications_status" CHECK ("status" IN ('sent', 'failed')),
                CONSTRAINT "pk_concern_notifications" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_concern_notifications_person" ON "concern_notifications" ("concern_id", "person_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tools"
            ADD CONSTRAINT "fk_audit_tools_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tool_versions"
            ADD CONSTRAINT "fk_audit_tool_versions_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tool_versions"
            ADD CONSTRAINT "fk_audit_tool_versions_tool" FOREIGN KEY ("tool_id") REFERENCES "audit_tools"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tool_versions"
            ADD CONSTRAINT "fk_audit_tool_versions_published_by" FOREIGN KEY ("published_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audits"
            ADD CONSTRAINT "fk_audits_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audits"
            ADD CONSTRAINT "fk_audits_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audits"
            ADD CONSTRAINT "fk_audits_tool_version" FOREIGN KEY ("tool_version_id") REFERENCES "audit_tool_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audits"
            ADD CONSTRAINT "fk_audits_created_by" FOREIGN KEY ("created_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_cases"
            ADD CONSTRAINT "fk_audit_cases_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_cases"
            ADD CONSTRAINT "fk_audit_cases_audit" FOREIGN KEY ("instance_id") REFERENCES "audits"("instance_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_cases"
            ADD CONSTRAINT "fk_audit_cases_moderated_by" FOREIGN KEY ("moderated_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programmes"
            ADD CONSTRAINT "fk_audit_programmes_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programmes"
            ADD CONSTRAINT "fk_audit_programmes_created_by" FOREIGN KEY ("created_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programme_entries"
            ADD CONSTRAINT "fk_audit_programme_entries_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programme_entries"
            ADD CONSTRAINT "fk_audit_programme_entries_programme" FOREIGN KEY ("programme_id") REFERENCES "audit_programmes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programme_entries"
            ADD CONSTRAINT "fk_audit_programme_entries_audit" FOREIGN KEY ("instance_id") REFERENCES "audits"("instance_id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns"
            ADD CONSTRAINT "fk_audit_returns_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns"
            ADD CONSTRAINT "fk_audit_returns_audit" FOREIGN KEY ("instance_id") REFERENCES "audits"("instance_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns"
            ADD CONSTRAINT "fk_audit_returns_case" FOREIGN KEY ("case_id") REFERENCES "audit_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns"
            ADD CONSTRAINT "fk_audit_returns_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns"
            ADD CONSTRAINT "fk_audit_returns_tool_version" FOREIGN KEY ("tool_version_id") REFERENCES "audit_tool_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns"
            ADD CONSTRAINT "fk_audit_returns_updated_by" FOREIGN KEY ("updated_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_identifiers"
            ADD CONSTRAINT "fk_case_identifiers_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_identifiers"
            ADD CONSTRAINT "fk_case_identifiers_case" FOREIGN KEY ("case_id") REFERENCES "audit_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns"
            ADD CONSTRAINT "fk_immediate_concerns_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns"
            ADD CONSTRAINT "fk_immediate_concerns_audit" FOREIGN KEY ("instance_id") REFERENCES "audits"("instance_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns"
            ADD CONSTRAINT "fk_immediate_concerns_case" FOREIGN KEY ("case_id") REFERENCES "audit_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns"
            ADD CONSTRAINT "fk_immediate_concerns_raised_by" FOREIGN KEY ("raised_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns"
            ADD CONSTRAINT "fk_immediate_concerns_agency" FOREIGN KEY ("raised_by_agency_id") REFERENCES "agencies"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns"
            ADD CONSTRAINT "fk_immediate_concerns_actioned_by" FOREIGN KEY ("actioned_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "concern_notifications"
            ADD CONSTRAINT "fk_concern_notifications_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "concern_notifications"
            ADD CONSTRAINT "fk_concern_notifications_concern" FOREIGN KEY ("concern_id") REFERENCES "immediate_concerns"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "concern_notifications"
            ADD CONSTRAINT "fk_concern_notifications_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await enablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await disablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    await queryRunner.query(`
            ALTER TABLE "concern_notifications" DROP CONSTRAINT "fk_concern_notifications_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "concern_notifications" DROP CONSTRAINT "fk_concern_notifications_concern"
        `);
    await queryRunner.query(`
            ALTER TABLE "concern_notifications" DROP CONSTRAINT "fk_concern_notifications_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns" DROP CONSTRAINT "fk_immediate_concerns_actioned_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns" DROP CONSTRAINT "fk_immediate_concerns_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns" DROP CONSTRAINT "fk_immediate_concerns_raised_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns" DROP CONSTRAINT "fk_immediate_concerns_case"
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns" DROP CONSTRAINT "fk_immediate_concerns_audit"
        `);
    await queryRunner.query(`
            ALTER TABLE "immediate_concerns" DROP CONSTRAINT "fk_immediate_concerns_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_identifiers" DROP CONSTRAINT "fk_case_identifiers_case"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_identifiers" DROP CONSTRAINT "fk_case_identifiers_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns" DROP CONSTRAINT "fk_audit_returns_updated_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns" DROP CONSTRAINT "fk_audit_returns_tool_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns" DROP CONSTRAINT "fk_audit_returns_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns" DROP CONSTRAINT "fk_audit_returns_case"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns" DROP CONSTRAINT "fk_audit_returns_audit"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_returns" DROP CONSTRAINT "fk_audit_returns_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programme_entries" DROP CONSTRAINT "fk_audit_programme_entries_audit"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programme_entries" DROP CONSTRAINT "fk_audit_programme_entries_programme"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programme_entries" DROP CONSTRAINT "fk_audit_programme_entries_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programmes" DROP CONSTRAINT "fk_audit_programmes_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_programmes" DROP CONSTRAINT "fk_audit_programmes_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_cases" DROP CONSTRAINT "fk_audit_cases_moderated_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_cases" DROP CONSTRAINT "fk_audit_cases_audit"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_cases" DROP CONSTRAINT "fk_audit_cases_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audits" DROP CONSTRAINT "fk_audits_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "audits" DROP CONSTRAINT "fk_audits_tool_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "audits" DROP CONSTRAINT "fk_audits_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audits" DROP CONSTRAINT "fk_audits_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tool_versions" DROP CONSTRAINT "fk_audit_tool_versions_published_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tool_versions" DROP CONSTRAINT "fk_audit_tool_versions_tool"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tool_versions" DROP CONSTRAINT "fk_audit_tool_versions_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_tools" DROP CONSTRAINT "fk_audit_tools_partnership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_concern_notifications_person"
        `);
    await queryRunner.query(`
            DROP TABLE "concern_notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_immediate_concerns_instance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_immediate_concerns_idempotency"
        `);
    await queryRunner.query(`
            DROP TABLE "immediate_concerns"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_case_identifiers_case"
        `);
    await queryRunner.query(`
            DROP TABLE "case_identifiers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_returns_case_agency"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_returns_case"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_returns"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_programme_entries_sequence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_programme_entries_instance"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_programme_entries"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_programmes_partnership"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_programmes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_cases_instance_key"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_cases"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audits_partnership"
        `);
    await queryRunner.query(`
            DROP TABLE "audits"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_tool_versions_tool_version"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_tool_versions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_tools_partnership_name"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_tools"
        `);
  }
}
