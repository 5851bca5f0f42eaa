import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { AuditCase } from './audit-case.entity';

/** One agency's record number for the child. */
export interface AgencyRecordNumber {
  agencyId: string;
  recordNumber: string;
}

/**
 * Who a case's child is: kept apart from the pseudonymised case, shown only to the audit's members
 * whose role allows it, and every view or export logged (`access_log`). Never logged, never put in
 * a URL, an error, an email or a job.
 */
@Entity({ name: 'case_identifiers' })
@Index('uq_case_identifiers_case', ['caseId'], { unique: true })
export class CaseIdentifiers {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_identifiers' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_case_identifiers_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => AuditCase, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'case_id',
    foreignKeyConstraintName: 'fk_case_identifiers_case',
  })
  auditCase?: AuditCase;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'record_numbers', type: 'jsonb', default: () => "'[]'" })
  recordNumbers!: AgencyRecordNumber[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
