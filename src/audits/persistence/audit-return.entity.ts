import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Agency } from '../../partnerships/agency.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import type { Grade } from '../../../workflows/case-file-audit/grades';
import type { ReturnStatus } from '../../../workflows/case-file-audit/case-file-audit.types';
import { AuditCase } from './audit-case.entity';
import { AuditToolVersion } from './audit-tool-version.entity';
import { Audit } from './audit.entity';

/**
 * One agency's audit of one case, against the audit's pinned tool version: a grade per domain and
 * overall, strengths, areas for development, answers to the tool's questions and free text.
 * Created `not-started` when the agency confirms contact with the case. `version` rises with every
 * change; a save naming an older one is refused (409).
 */
@Entity({ name: 'audit_returns' })
@Index('uq_audit_returns_case_agency', ['instanceId', 'caseId', 'agencyId'], { unique: true })
@Index('ix_audit_returns_case', ['caseId'])
@Check('ck_audit_returns_status', `"status" IN ('not-started', 'draft', 'submitted', 'reopened')`)
export class AuditReturn {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_returns' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_audit_returns_partnership' })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_audit_returns_audit' })
  audit?: Audit;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => AuditCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_audit_returns_case' })
  auditCase?: AuditCase;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_audit_returns_agency' })
  agency?: Agency;

  @Column({ name: 'tool_version_id', type: 'uuid' })
  toolVersionId!: string;

  @ManyToOne(() => AuditToolVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tool_version_id',
    foreignKeyConstraintName: 'fk_audit_returns_tool_version',
  })
  toolVersion?: AuditToolVersion;

  @Column({ type: 'varchar', length: 16 })
  status!: ReturnStatus;

  /** Grade per domain key of the tool version. */
  @Column({ name: 'domain_grades', type: 'jsonb', default: () => "'{}'" })
  domainGrades!: Record<string, Grade>;

  @Column({ name: 'overall_grade', type: 'varchar', length: 32, nullable: true })
  overallGrade!: Grade | null;

  /** Answer per question key of the tool version. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers!: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  strengths!: string | null;

  @Column({ name: 'areas_for_development', type: 'text', nullable: true })
  areasForDevelopment!: string | null;

  @Column({ name: 'free_text', type: 'text', nullable: true })
  freeText!: string | null;

  @Column({ type: 'int' })
  version!: number;

  /** First submitted after the business unit closed the single-agency audits. */
  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'reopen_count', type: 'int', default: 0 })
  reopenCount!: number;

  /** Why the business unit last reopened it. */
  @Column({ name: 'reopen_reason', type: 'text', nullable: true })
  reopenReason!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_person_id', type: 'uuid', nullable: true })
  updatedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'updated_by_person_id',
    foreignKeyConstraintName: 'fk_audit_returns_updated_by',
  })
  updatedBy?: Person;
}
