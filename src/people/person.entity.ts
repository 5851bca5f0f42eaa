import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Someone who uses the product. People come from many employers; one may serve several partnerships. */
@Entity({ name: 'people' })
// Unique on lower(email): created by the migration, invisible to the schema diff.
@Index('uq_people_email', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_people' })
  id!: string;

  /** Stored lower-case; unique (see the migration's index on lower(email)). */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;
}
