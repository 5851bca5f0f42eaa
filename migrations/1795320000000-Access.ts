import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in links, sessions, API tokens and the access log. Beyond the generated schema:
 * - credentials (links, sessions, tokens) are out of reach of the application role: they are read
 *   and written only in system scope, by token hash or by person id;
 * - the access log is scoped by partnership and append-only for the application role;
 * - people are visible to a person-scoped transaction only through a membership of a partnership in
 *   scope, and are created or found by email only through `app_person_for_email`, so adding someone
 *   who already serves another partnership neither fails nor shows that partnership's rows.
 */
export class Access1795320000000 implements MigrationInterface {
  name = 'Access1795320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "api_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "person_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "prefix" character varying(16) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_api_tokens" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_api_tokens_token_hash" ON "api_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_api_tokens_person" ON "api_tokens" ("person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "person_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_sessions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sessions_person" ON "sessions" ("person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sign_in_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "person_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_sign_in_links" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sign_in_links_token_hash" ON "sign_in_links" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sign_in_links_person" ON "sign_in_links" ("person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "access_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "record_kind" character varying(64) NOT NULL,
                "record_id" uuid NOT NULL,
                "action" character varying(16) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_access_log_action" CHECK ("action" IN ('view', 'export')),
                CONSTRAINT "pk_access_log" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_access_log_partnership_occurred" ON "access_log" ("partnership_id", "occurred_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD CONSTRAINT "fk_api_tokens_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "fk_sessions_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_links"
            ADD CONSTRAINT "fk_sign_in_links_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access_log"
            ADD CONSTRAINT "fk_access_log_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access_log"
            ADD CONSTRAINT "fk_access_log_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);

    await queryRunner.query(
      `REVOKE ALL ON "sign_in_links", "sessions", "api_tokens" FROM reviews_app`,
    );
    await queryRunner.query(`ALTER TABLE "access_log" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
            CREATE POLICY "access_log_partnership" ON "access_log"
            USING (app_partnership_visible(partnership_id)) WITH CHECK (app_partnership_visible(partnership_id))
        `);
    await queryRunner.query(`REVOKE UPDATE, DELETE ON "access_log" FROM reviews_app`);
    await queryRunner.query(`ALTER TABLE "people" ENABLE ROW LEVEL SECURITY`);
    // partnership_members is itself under row-level security, so only memberships in scope count.
    await queryRunner.query(`
            CREATE POLICY "people_member_visible" ON "people" FOR SELECT
            USING (EXISTS (SELECT 1 FROM partnership_members m WHERE m.person_id = people.id))
        `);
    await queryRunner.query(`
            CREATE FUNCTION app_person_for_email(p_email text, p_display_name text) RETURNS uuid
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
              found uuid;
            BEGIN
              INSERT INTO people (email, display_name) VALUES (lower(p_email), p_display_name)
              ON CONFLICT (lower(email)) DO NOTHING
              RETURNING id INTO found;
              IF found IS NULL THEN
                SELECT id INTO found FROM people WHERE lower(email) = lower(p_email);
              END IF;
              RETURN found;
            END $$
        `);
    await queryRunner.query(`REVOKE ALL ON FUNCTION app_person_for_email(text, text) FROM PUBLIC`);
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION app_person_for_email(text, text) TO reviews_app`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app_person_for_email(text, text)`);
    await queryRunner.query(`DROP POLICY "people_member_visible" ON "people"`);
    await queryRunner.query(`ALTER TABLE "people" DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`DROP POLICY "access_log_partnership" ON "access_log"`);
    await queryRunner.query(`
            ALTER TABLE "access_log" DROP CONSTRAINT "fk_access_log_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "access_log" DROP CONSTRAINT "fk_access_log_partnership"
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_links" DROP CONSTRAINT "fk_sign_in_links_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP CONSTRAINT "fk_api_tokens_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_access_log_partnership_occurred"
        `);
    await queryRunner.query(`
            DROP TABLE "access_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sign_in_links_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sign_in_links_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "sign_in_links"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sessions_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_api_tokens_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_api_tokens_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "api_tokens"
        `);
  }
}
