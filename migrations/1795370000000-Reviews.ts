import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disablePartnershipRowLevelSecurity,
  enablePartnershipRowLevelSecurity,
} from './support/row-level-security';

const RLS_TABLES = [
  'review_subjects',
  'review_returns',
  'review_comments',
  'review_links',
  'review_contributors',
];

/**
 * Serious case reviews, practice reviews and learning reviews: the child's identifying details
 * (apart from the review), agencies' information returns and panel comments (case content), links
 * between a stepped-down review and the learning review that continues it, and partnerships
 * contributing to another's review (out of area). Every table is fenced by partnership.
 *
 * Out of area, two narrow extensions: a person on an audit or review of a partnership in scope is
 * visible to that scope (so the owner sees who contributes), and the owner's business unit finds a
 * contributing partnership's people by their email through one definer function, which returns
 * ids and names only.
 */
export class Reviews1795370000000 implements MigrationInterface {
  name = 'Reviews1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "review_comments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "round" integer NOT NULL,
                "author_person_id" uuid NOT NULL,
                "content" text NOT NULL,
                "status" character varying(16) NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_event_id" uuid,
                CONSTRAINT "ck_review_comments_status" CHECK ("status" IN ('draft', 'submitted')),
                CONSTRAINT "pk_review_comments" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_review_comments_round_author" ON "review_comments" ("instance_id", "round", "author_person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "review_contributors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "contributing_partnership_id" uuid NOT NULL,
                "contributing_code" character varying(16) NOT NULL,
                "contributing_name" character varying(200) NOT NULL,
                "added_by_person_id" uuid,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_review_contributors_other" CHECK (
                    "contributing_partnership_id" <> "partnership_id"
                ),
                CONSTRAINT "pk_review_contributors" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_review_contributors_contributing" ON "review_contributors" ("contributing_partnership_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_review_contributors_partnership" ON "review_contributors" ("instance_id", "contributing_partnership_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "review_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "kind" character varying(32) NOT NULL,
                "from_instance_id" uuid NOT NULL,
                "to_instance_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_review_links_kind" CHECK ("kind" IN ('stepped-down')),
                CONSTRAINT "pk_review_links" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_review_links_to" ON "review_links" ("to_instance_id", "kind")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_review_links_from" ON "review_links" ("from_instance_id", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "review_returns" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "agency_id" uuid NOT NULL,
                "content" text NOT NULL,
                "status" character varying(16) NOT NULL,
                "version" integer NOT NULL,
                "updated_by_person_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_event_id" uuid,
                CONSTRAINT "ck_review_returns_status" CHECK ("status" IN ('draft', 'submitted')),
                CONSTRAINT "pk_review_returns" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_review_returns_kind_agency" ON "review_returns" ("instance_id", "kind", "agency_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "review_subjects" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "full_name" character varying(200) NOT NULL,
                "date_of_birth" date,
                "address" character varying(500),
                "record_numbers" jsonb NOT NULL DEFAULT '[]',
                "recorded_by_person_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_review_subjects" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_review_subjects_instance" ON "review_subjects" ("instance_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments"
            ADD CONSTRAINT "fk_review_comments_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments"
            ADD CONSTRAINT "fk_review_comments_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments"
            ADD CONSTRAINT "fk_review_comments_author" FOREIGN KEY ("author_person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments"
            ADD CONSTRAINT "fk_review_comments_submitted_event" FOREIGN KEY ("submitted_event_id") REFERENCES "workflow_events"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors"
            ADD CONSTRAINT "fk_review_contributors_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors"
            ADD CONSTRAINT "fk_review_contributors_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors"
            ADD CONSTRAINT "fk_review_contributors_contributing" FOREIGN KEY ("contributing_partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors"
            ADD CONSTRAINT "fk_review_contributors_added_by" FOREIGN KEY ("added_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_links"
            ADD CONSTRAINT "fk_review_links_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_links"
            ADD CONSTRAINT "fk_review_links_from" FOREIGN KEY ("from_instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_links"
            ADD CONSTRAINT "fk_review_links_to" FOREIGN KEY ("to_instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns"
            ADD CONSTRAINT "fk_review_returns_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns"
            ADD CONSTRAINT "fk_review_returns_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns"
            ADD CONSTRAINT "fk_review_returns_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns"
            ADD CONSTRAINT "fk_review_returns_updated_by" FOREIGN KEY ("updated_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns"
            ADD CONSTRAINT "fk_review_returns_submitted_event" FOREIGN KEY ("submitted_event_id") REFERENCES "workflow_events"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_subjects"
            ADD CONSTRAINT "fk_review_subjects_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_subjects"
            ADD CONSTRAINT "fk_review_subjects_instance" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_subjects"
            ADD CONSTRAINT "fk_review_subjects_recorded_by" FOREIGN KEY ("recorded_by_person_id") REFERENCES "people"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await enablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    // instance_members is itself under row-level security: only audits and reviews in scope count.
    await queryRunner.query(`
            CREATE POLICY "people_instance_member_visible" ON "people" FOR SELECT
            USING (EXISTS (SELECT 1 FROM instance_members m WHERE m.person_id = people.id))
        `);
    await queryRunner.query(`
            CREATE FUNCTION app_contributor_people(p_code text, p_emails text[])
            RETURNS TABLE (partnership_id uuid, partnership_code text, partnership_name text,
                           person_id uuid, email text, display_name text, agency_id uuid)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
              SELECT pa.id, pa.code::text, pa.name::text, pe.id, pe.email::text,
                     pe.display_name::text, pm.agency_id
                FROM partnerships pa
                LEFT JOIN (partnership_members pm JOIN people pe
                             ON pe.id = pm.person_id AND pe.deactivated_at IS NULL
                            AND lower(pe.email) IN (SELECT lower(e) FROM unnest(p_emails) e))
                  ON pm.partnership_id = pa.id
               WHERE upper(pa.code) = upper(p_code)
            $$
        `);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION app_contributor_people(text, text[]) FROM PUBLIC`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION app_contributor_people(text, text[]) TO reviews_app`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app_contributor_people(text, text[])`);
    await queryRunner.query(`DROP POLICY "people_instance_member_visible" ON "people"`);
    await disablePartnershipRowLevelSecurity(queryRunner, RLS_TABLES);
    await queryRunner.query(`
            ALTER TABLE "review_subjects" DROP CONSTRAINT "fk_review_subjects_recorded_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_subjects" DROP CONSTRAINT "fk_review_subjects_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_subjects" DROP CONSTRAINT "fk_review_subjects_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns" DROP CONSTRAINT "fk_review_returns_submitted_event"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns" DROP CONSTRAINT "fk_review_returns_updated_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns" DROP CONSTRAINT "fk_review_returns_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns" DROP CONSTRAINT "fk_review_returns_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_returns" DROP CONSTRAINT "fk_review_returns_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_links" DROP CONSTRAINT "fk_review_links_to"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_links" DROP CONSTRAINT "fk_review_links_from"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_links" DROP CONSTRAINT "fk_review_links_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors" DROP CONSTRAINT "fk_review_contributors_added_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors" DROP CONSTRAINT "fk_review_contributors_contributing"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors" DROP CONSTRAINT "fk_review_contributors_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_contributors" DROP CONSTRAINT "fk_review_contributors_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments" DROP CONSTRAINT "fk_review_comments_submitted_event"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments" DROP CONSTRAINT "fk_review_comments_author"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments" DROP CONSTRAINT "fk_review_comments_instance"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_comments" DROP CONSTRAINT "fk_review_comments_partnership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_review_subjects_instance"
        `);
    await queryRunner.query(`
            DROP TABLE "review_subjects"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_review_returns_kind_agency"
        `);
    await queryRunner.query(`
            DROP TABLE "review_returns"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_review_links_from"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_review_links_to"
        `);
    await queryRunner.query(`
            DROP TABLE "review_links"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_review_contributors_partnership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_review_contributors_contributing"
        `);
    await queryRunner.query(`
            DROP TABLE "review_contributors"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_review_comments_round_author"
        `);
    await queryRunner.query(`
            DROP TABLE "review_comments"
        `);
  }
}
