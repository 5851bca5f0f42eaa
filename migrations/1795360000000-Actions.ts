import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disablePartnershipRowLevelSecurity,
  dropAppendOnly,
  enablePartnershipRowLevelSecurity,
  makeAppendOnly,
} from './support/row-level-security';

const RLS_TABLES = ['recommendations', 'actions', 'action_updates'];

/**
 * Recommendations of audits and reviews, their actions and each action's append-only history.
 * Every table is fenced by partnership (row-level security); people's transactions may only add
 * to the history, and a trigger refuses any change to it but the author link (set null when a
 * person is erased).
 */
export class Actions1795360000000 implements MigrationInterface {
  name = 'Actions1795360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "recommendations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "text" text NOT NULL,
                "status" character varying(16) NOT NULL,
                "created_by_person_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_recommendations_status" CHECK ("status" IN ('open', 'complete')),
                CONSTRAINT "ck_recommendations_number" CHECK ("number" >= 1),
                CONSTRAINT "pk_recommendations" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_recommendations_partnership" ON "recommendations" ("partnership_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_recommendations_instance_number" ON "recommendations" ("instance_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "actions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "recommendation_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "description" text NOT NULL,
                "owner_agency_id" uuid NOT NULL,
                "lead_person_id" uuid NOT NULL,
                "due_on" date NOT NULL,
                "status" character varying(20) NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "closure_requested_at" TIMESTAMP WITH TIME ZONE,
                "closure_requested_by_person_id" uuid,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "closed_by_person_id" uuid,
                "closure_agreement" text,
                "created_by_person_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_actions_version" CHECK ("version" >= 1),
                CONSTRAINT "ck_actions_closed" CHECK (
                    ("status" = 'complete') = (
                        "closed_at" IS NOT NULL
                        AND "closure_agreement" IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_actions_status" CHECK (
                    "status" IN (
                        'not-started',
                        'in-progress',
                        'awaiting-closure',
                        'complete'
                    )
                ),
                CONSTRAINT "ck_actions_number" CHECK ("number" >= 1),
                CONSTRAINT "pk_actions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_actions_lead_person" ON "actions" ("lead_person_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_actions_owner_agency" ON "actions" ("owner_agency_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_actions_instance" ON "actions" ("instance_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_actions_partnership_status" ON "actions" ("partnership_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_actions_recommendation_number" ON "actions" ("recommendation_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "action_updates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "position" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "action_id" uuid NOT NULL,
                "kind" character varying(24) NOT NULL,
                "note" text NOT NULL,
                "evidence_of_impact" text,
                "by_person_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_action_updates_kind" CHECK (
                    "kind" IN (
                        'progress',
                        'closure-requested',
                        'closure-agreed',
                        'closure-declined'
                    )
                ),
                CONSTRAINT "pk_action_updates" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_action_updates_action" ON "action_updates" ("action_id", "position")
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendations"
            ADD CONSTRAINT "fk_recommendations_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendations"
            ADD CONSTRAINT "fk_recommendations_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendations"
            ADD CONSTRAINT "fk_recommendations_created_by" FOREIGN KEY ("created_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_recommendation" FOREIGN KEY ("recommendation_id") REFERENCES "recommendations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_owner_agency" FOREIGN KEY ("owner_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_lead_person" FOREIGN KEY ("lead_person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_closure_requested_by" FOREIGN KEY ("closure_requested_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_closed_by" FOREIGN KEY ("closed_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "fk_actions_created_by" FOREIGN KEY ("created_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_updates"
            ADD CONSTRAINT "fk_action_updates_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_updates"
            ADD CONSTRAINT "fk_action_updates_action" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_updates"
            ADD CONSTRAINT "fk_action_updates_by" FOREIGN KEY ("by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await enablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    await makeAppendOnly(queryRunner, 'action_updates', 'by_person_id');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropAppendOnly(queryRunner, 'action_updates');
    await disablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    await queryRunner.query(`
            ALTER TABLE "action_updates" DROP CONSTRAINT "fk_action_updates_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_updates" DROP CONSTRAINT "fk_action_updates_action"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_updates" DROP CONSTRAINT "fk_action_updates_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_closed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_closure_requested_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_lead_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_owner_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_recommendation"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "fk_actions_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendations" DROP CONSTRAINT "fk_recommendations_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendations" DROP CONSTRAINT "fk_recommendations_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "recommendations" DROP CONSTRAINT "fk_recommendations_partnership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_action_updates_action"
        `);
    await queryRunner.query(`
            DROP TABLE "action_updates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_actions_recommendation_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_actions_partnership_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_actions_instance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_actions_owner_agency"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_actions_lead_person"
        `);
    await queryRunner.query(`
            DROP TABLE "actions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_recommendations_instance_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_recommendations_partnership"
        `);
    await queryRunner.query(`
            DROP TABLE "recommendations"
        `);
  }
}
