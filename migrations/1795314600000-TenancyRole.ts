import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unprivileged role that person-scoped transactions switch to (`SET LOCAL ROLE reviews_app`),
 * so row-level security applies to them, and the function every policy uses to decide which
 * partnerships the current transaction may see. Tables opt in with:
 *   ALTER TABLE t ENABLE ROW LEVEL SECURITY;
 *   CREATE POLICY t_partnership ON t USING (app_partnership_visible(partnership_id))
 *     WITH CHECK (app_partnership_visible(partnership_id));
 */
export class TenancyRole1795314600000 implements MigrationInterface {
  name = 'TenancyRole1795314600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reviews_app') THEN
          CREATE ROLE reviews_app NOLOGIN;
        END IF;
      END $$
    `);
    await queryRunner.query(`GRANT reviews_app TO CURRENT_USER`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO reviews_app`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO reviews_app`,
    );
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reviews_app`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO reviews_app`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO reviews_app`,
    );
    await queryRunner.query(`
      CREATE FUNCTION app_partnership_visible(partnership uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT partnership = ANY (
          string_to_array(coalesce(nullif(current_setting('app.partnership_ids', true), ''), NULL), ',')::uuid[]
        ) IS TRUE
      $$
    `);
    await queryRunner.query(`ALTER TABLE agencies ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY agencies_partnership ON agencies
      USING (app_partnership_visible(partnership_id)) WITH CHECK (app_partnership_visible(partnership_id))
    `);
    await queryRunner.query(`ALTER TABLE partnership_members ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY partnership_members_partnership ON partnership_members
      USING (app_partnership_visible(partnership_id)) WITH CHECK (app_partnership_visible(partnership_id))
    `);
    await queryRunner.query(`ALTER TABLE partnerships ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY partnerships_visible ON partnerships
      USING (app_partnership_visible(id)) WITH CHECK (app_partnership_visible(id))
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY partnerships_visible ON partnerships`);
    await queryRunner.query(`ALTER TABLE partnerships DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`DROP POLICY partnership_members_partnership ON partnership_members`);
    await queryRunner.query(`ALTER TABLE partnership_members DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`DROP POLICY agencies_partnership ON agencies`);
    await queryRunner.query(`ALTER TABLE agencies DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`DROP FUNCTION app_partnership_visible(uuid)`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM reviews_app`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM reviews_app`,
    );
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM reviews_app`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM reviews_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM reviews_app`);
  }
}
