import { MigrationInterface, QueryRunner } from 'typeorm';

export class People1795314453175 implements MigrationInterface {
  name = 'People1795314453175';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "people" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(320) NOT NULL,
                "display_name" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deactivated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_people" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "partnership_members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "agency_id" uuid,
                "roles" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_partnership_members" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_people_email" ON "people" (lower("email"))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_partnership_members_person" ON "partnership_members" ("partnership_id", "person_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "partnership_members"
            ADD CONSTRAINT "fk_partnership_members_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "partnership_members"
            ADD CONSTRAINT "fk_partnership_members_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "partnership_members"
            ADD CONSTRAINT "fk_partnership_members_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "partnership_members" DROP CONSTRAINT "fk_partnership_members_agency"
        `);
    await queryRunner.query(`
            ALTER TABLE "partnership_members" DROP CONSTRAINT "fk_partnership_members_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "partnership_members" DROP CONSTRAINT "fk_partnership_members_partnership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_partnership_members_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_people_email"
        `);
    await queryRunner.query(`
            DROP TABLE "partnership_members"
        `);
    await queryRunner.query(`
            DROP TABLE "people"
        `);
  }
}
