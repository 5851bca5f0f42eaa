import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795314260643 implements MigrationInterface {
  name = 'Foundation1795314260643';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agencies" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "kind" character varying(32) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_agencies" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_agencies_partnership_name" ON "agencies" ("partnership_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "partnerships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(16) NOT NULL,
                "name" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_partnerships" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_partnerships_code" ON "partnerships" ("code")
        `);
    await queryRunner.query(`
            ALTER TABLE "agencies"
            ADD CONSTRAINT "fk_agencies_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agencies" DROP CONSTRAINT "fk_agencies_partnership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_partnerships_code"
        `);
    await queryRunner.query(`
            DROP TABLE "partnerships"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_agencies_partnership_name"
        `);
    await queryRunner.query(`
            DROP TABLE "agencies"
        `);
  }
}
