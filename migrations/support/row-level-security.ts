/**
 * SQL the migrations repeat for tables fenced by partnership. Kept outside `migrations/*.ts` so
 * TypeORM's migration glob (src/database/data-source.ts) never loads it as a migration.
 */
import type { QueryRunner } from 'typeorm';

/**
 * Row-level security with one policy per table, `<table>_partnership`: people's transactions
 * (role `reviews_app`) see and write only rows of the partnerships `app_partnership_visible()`
 * allows (1795314600000-TenancyRole).
 */
export async function enablePartnershipRowLevelSecurity(
  queryRunner: QueryRunner,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables) {
    await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY "${table}_partnership" ON "${table}"
      USING (app_partnership_visible(partnership_id)) WITH CHECK (app_partnership_visible(partnership_id))
    `);
  }
}

export async function disablePartnershipRowLevelSecurity(
  queryRunner: QueryRunner,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables) {
    await queryRunner.query(`DROP POLICY "${table}_partnership" ON "${table}"`);
    await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
  }
}

/**
 * An append-only log: people's transactions may only insert, and even the owner may change
 * nothing but `mutableColumn` (a person link, set null when the person is erased).
 */
export async function makeAppendOnly(
  queryRunner: QueryRunner,
  table: string,
  mutableColumn: string,
): Promise<void> {
  await queryRunner.query(`REVOKE UPDATE, DELETE ON "${table}" FROM reviews_app`);
  await queryRunner.query(`
    CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF to_jsonb(NEW) - '${mutableColumn}' IS DISTINCT FROM to_jsonb(OLD) - '${mutableColumn}' THEN
        RAISE EXCEPTION '${table} is append-only' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$
  `);
  await queryRunner.query(`
    CREATE TRIGGER "trg_${table}_append_only" BEFORE UPDATE ON "${table}"
    FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()
  `);
}

export async function dropAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP TRIGGER "trg_${table}_append_only" ON "${table}"`);
  await queryRunner.query(`DROP FUNCTION ${table}_append_only()`);
}
