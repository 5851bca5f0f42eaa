import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { AuditProgramme } from './audit-programme.entity';
import { Audit } from './audit.entity';

/** One planned audit meeting of a programme; `instanceId` is set when the audit starts. */
@Entity({ name: 'audit_programme_entries' })
@Index('uq_audit_programme_entries_sequence', ['programmeId', 'sequence'], { unique: true })
@Index('uq_audit_programme_entries_instance', ['instanceId'], { unique: true })
export class AuditProgrammeEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_programme_entries' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_audit_programme_entries_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => AuditProgramme, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'fk_audit_programme_entries_programme',
  })
  programme?: AuditProgramme;

  /** 1 for the first audit of the programme. */
  @Column({ type: 'int' })
  sequence!: number;

  /** The planned meeting date: a working day. */
  @Column({ name: 'planned_on', type: 'date' })
  plannedOn!: string;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId!: string | null;

  @ManyToOne(() => Audit, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'instance_id',
    foreignKeyConstraintName: 'fk_audit_programme_entries_audit',
  })
  audit?: Audit;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;
}
