import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disablePartnershipRowLevelSecurity,
  dropAppendOnly,
  enablePartnershipRowLevelSecurity,
  makeAppendOnly,
} from './support/row-level-security';

const RLS_TABLES = [
  'workflow_instances',
  'instance_members',
  'workflow_events',
  'tasks',
  'deadlines',
  'outbox',
  'workflow_reference_counters',
];

/**
 * The workflow engine's tables: instances, members, the append-only event log, tasks, deadlines,
 * the outbox and reference counters. Every table is fenced by partnership (row-level security);
 * partial indexes serve the hot paths (open tasks by assignee, pending deadlines by due moment,
 * undispatched outbox rows).
 */
export class Engine1795330000000 implements MigrationInterface {
  name = 'Engine1795330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "workflow_instances" (
                "id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "definition_key" character varying(100) NOT NULL,
                "definition_version" integer NOT NULL,
                "reference" character varying(64) NOT NULL,
                "title" character varying(200) NOT NULL,
                "state_value" jsonb NOT NULL,
                "snapshot" jsonb NOT NULL,
                "version" integer NOT NULL,
                "status" character varying(16) NOT NULL,
                "broken_reason" text,
                "created_by_person_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_workflow_instances_status" CHECK ("status" IN ('live', 'closed', 'broken')),
                CONSTRAINT "pk_workflow_instances" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_workflow_instances_reference" ON "workflow_instances" ("reference")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_workflow_instances_definition" ON "workflow_instances" ("definition_key", "definition_version", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_workflow_instances_partnership_status" ON "workflow_instances" ("partnership_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "workflow_events" (
                "id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "definition_version" integer NOT NULL,
                "type" character varying(100) NOT NULL,
                "payload" jsonb NOT NULL,
                "actor_kind" character varying(16) NOT NULL,
                "actor_person_id" uuid,
                "from_state" jsonb,
                "to_state" jsonb NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "idempotency_key" character varying(200),
                "request_hash" character varying(64),
                "outcome" jsonb,
                CONSTRAINT "pk_workflow_events" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_workflow_events_idempotency" ON "workflow_events" ("instance_id", "idempotency_key")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_workflow_events_version" ON "workflow_events" ("instance_id", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "tasks" (
                "id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "step_key" character varying(100) NOT NULL,
                "title" character varying(200) NOT NULL,
                "assignee_kind" character varying(32) NOT NULL,
                "assignee_role" character varying(40),
                "assignee_person_id" uuid,
                "assignee_agency_id" uuid,
                "due_on" date,
                "due_rule" jsonb,
                "due_overridden" boolean NOT NULL DEFAULT false,
                "remind" boolean NOT NULL DEFAULT true,
                "status" character varying(16) NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "opened_by_event_id" uuid NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "closed_by_event_id" uuid,
                CONSTRAINT "ck_tasks_status" CHECK ("status" IN ('open', 'completed', 'cancelled')),
                CONSTRAINT "pk_tasks" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_tasks_instance_status" ON "tasks" ("instance_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "deadlines" (
                "id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "event_type" character varying(100) NOT NULL,
                "status" character varying(16) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "fired_at" TIMESTAMP WITH TIME ZONE,
                "fired_event_id" uuid,
                CONSTRAINT "ck_deadlines_status" CHECK ("status" IN ('pending', 'fired', 'cancelled')),
                CONSTRAINT "pk_deadlines" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deadlines_task" ON "deadlines" ("task_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "instance_members" (
                "id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "role" character varying(40) NOT NULL,
                "agency_id" uuid,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_instance_members" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_instance_members_person" ON "instance_members" ("person_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_instance_members_role" ON "instance_members" ("instance_id", "person_id", "role")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "topic" character varying(100) NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "dispatched_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" character varying(500),
                CONSTRAINT "pk_outbox" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "workflow_reference_counters" (
                "partnership_id" uuid NOT NULL,
                "reference_code" character varying(16) NOT NULL,
                "year" integer NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "pk_workflow_reference_counters" PRIMARY KEY ("partnership_id", "reference_code", "year")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_instances"
            ADD CONSTRAINT "fk_workflow_instances_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_instances"
            ADD CONSTRAINT "fk_workflow_instances_created_by" FOREIGN KEY ("created_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_events"
            ADD CONSTRAINT "fk_workflow_events_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_events"
            ADD CONSTRAINT "fk_workflow_events_actor" FOREIGN KEY ("actor_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_assignee_person" FOREIGN KEY ("assignee_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_assignee_agency" FOREIGN KEY ("assignee_agency_id") REFERENCES "agencies"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_opened_by" FOREIGN KEY ("opened_by_event_id") REFERENCES "workflow_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_closed_by" FOREIGN KEY ("closed_by_event_id") REFERENCES "workflow_events"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deadlines"
            ADD CONSTRAINT "fk_deadlines_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deadlines"
            ADD CONSTRAINT "fk_deadlines_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deadlines"
            ADD CONSTRAINT "fk_deadlines_fired_event" FOREIGN KEY ("fired_event_id") REFERENCES "workflow_events"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members"
            ADD CONSTRAINT "fk_instance_members_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members"
            ADD CONSTRAINT "fk_instance_members_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members"
            ADD CONSTRAINT "fk_instance_members_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members"
            ADD CONSTRAINT "fk_instance_members_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox"
            ADD CONSTRAINT "fk_outbox_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_reference_counters"
            ADD CONSTRAINT "fk_workflow_reference_counters_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_person" ON "tasks" ("assignee_person_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_agency" ON "tasks" ("assignee_agency_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_role" ON "tasks" ("partnership_id", "assignee_role") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_due" ON "tasks" ("due_on") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadlines_pending_due" ON "deadlines" ("due_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_undispatched" ON "outbox" ("id") WHERE "dispatched_at" IS NULL`,
    );
    await enablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    await makeAppendOnly(queryRunner, 'workflow_events', 'actor_person_id');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropAppendOnly(queryRunner, 'workflow_events');
    await disablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    for (const index of [
      'ix_outbox_undispatched',
      'ix_deadlines_pending_due',
      'ix_tasks_open_due',
      'ix_tasks_open_role',
      'ix_tasks_open_agency',
      'ix_tasks_open_person',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "workflow_reference_counters" DROP CONSTRAINT "fk_workflow_reference_counters_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox" DROP CONSTRAINT "fk_outbox_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members" DROP CONSTRAINT "fk_instance_members_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members" DROP CONSTRAINT "fk_instance_members_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members" DROP CONSTRAINT "fk_instance_members_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "instance_members" DROP CONSTRAINT "fk_instance_members_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "deadlines" DROP CONSTRAINT "fk_deadlines_fired_event"
        `);
    await queryRunner.query(`
            ALTER TABLE "deadlines" DROP CONSTRAINT "fk_deadlines_task"
        `);
    await queryRunner.query(`
            ALTER TABLE "deadlines" DROP CONSTRAINT "fk_deadlines_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_closed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_opened_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_assignee_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_assignee_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_events" DROP CONSTRAINT "fk_workflow_events_actor"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_events" DROP CONSTRAINT "fk_workflow_events_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_instances" DROP CONSTRAINT "fk_workflow_instances_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_instances" DROP CONSTRAINT "fk_workflow_instances_partnership"
        `);
    await queryRunner.query(`
            DROP TABLE "workflow_reference_counters"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_instance_members_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_instance_members_person"
        `);
    await queryRunner.query(`
            DROP TABLE "instance_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deadlines_task"
        `);
    await queryRunner.query(`
            DROP TABLE "deadlines"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_instance_status"
        `);
    await queryRunner.query(`
            DROP TABLE "tasks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_workflow_events_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_workflow_events_idempotency"
        `);
    await queryRunner.query(`
            DROP TABLE "workflow_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_workflow_instances_partnership_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_workflow_instances_definition"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_workflow_instances_reference"
        `);
    await queryRunner.query(`
            DROP TABLE "workflow_instances"
        `);
  }
}
