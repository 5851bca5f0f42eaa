import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agency } from '../../partnerships/agency.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import { AuditCase } from './audit-case.entity';
import { Audit } from './audit.entity';

export const CONCERN_STATUSES = ['open', 'actioned'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/**
 * An immediate concern about a child raised by an auditor, tracked until someone records what was
 * done. Its id is the one the workflow knows; the text stays here, never in an event, a job or an
 * email.
 */
@Entity({ name: 'immediate_concerns' })
@Index('ix_immediate_concerns_instance', ['instanceId', 'raisedAt'])
@Index('uq_immediate_concerns_idempotency', ['instanceId', 'raisedByPersonId', 'idempotencyKey'], {
  unique: true,
})
@Check('ck_immediate_concerns_status', `"status" IN ('open', 'actioned')`)
export class ImmediateConcern {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_immediate_concerns' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_immediate_concerns_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_immediate_concerns_audit' })
  audit?: Audit;

  /** The case it is about, when the auditor named one. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => AuditCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_immediate_concerns_case' })
  auditCase?: AuditCase;

  @Column({ type: 'text' })
  concern!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ConcernStatus;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'raised_on', type: 'date' })
  raisedOn!: string;

  @Column({ name: 'raised_by_person_id', type: 'uuid', nullable: true })
  raisedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'raised_by_person_id',
    foreignKeyConstraintName: 'fk_immediate_concerns_raised_by',
  })
  raisedBy?: Person;

  @Column({ name: 'raised_by_agency_id', type: 'uuid', nullable: true })
  raisedByAgencyId!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'raised_by_agency_id',
    foreignKeyConstraintName: 'fk_immediate_concerns_agency',
  })
  raisedByAgency?: Agency;

  /** A repeated request with the same key returns this concern instead of raising another. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** What was done about it. */
  @Column({ name: 'action_taken', type: 'text', nullable: true })
  actionTaken!: string | null;

  @Column({ name: 'actioned_at', type: 'timestamptz', nullable: true })
  actionedAt!: Date | null;

  @Column({ name: 'actioned_by_person_id', type: 'uuid', nullable: true })
  actionedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'actioned_by_person_id',
    foreignKeyConstraintName: 'fk_immediate_concerns_actioned_by',
  })
  actionedBy?: Person;
}
