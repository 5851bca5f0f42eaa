import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';

/** A year's plan of case file audits, e.g. one every six weeks; each entry starts as an audit. */
@Entity({ name: 'audit_programmes' })
@Index('ix_audit_programmes_partnership', ['partnershipId', 'startsOn'])
export class AuditProgramme {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_programmes' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_audit_programmes_partnership',
  })
  partnership?: Partnership;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'interval_weeks', type: 'int' })
  intervalWeeks!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by_person_id', type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by_person_id',
    foreignKeyConstraintName: 'fk_audit_programmes_created_by',
  })
  createdBy?: Person;
}
