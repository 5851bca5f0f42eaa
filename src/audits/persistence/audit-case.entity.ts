import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import type { Grade } from '../../../workflows/case-file-audit/grades';
import { Audit } from './audit.entity';

/**
 * One case of an audit, known only by its pseudonym (Case A, Case B...). Who the child is lives
 * apart, in `case_identifiers`. The chair's moderated grade and findings are recorded here at the
 * meeting.
 */
@Entity({ name: 'audit_cases' })
@Index('uq_audit_cases_instance_key', ['instanceId', 'caseKey'], { unique: true })
@Check('ck_audit_cases_key', `"case_key" ~ '^[A-Z]$'`)
export class AuditCase {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_cases' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_audit_cases_partnership' })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_audit_cases_audit' })
  audit?: Audit;

  /** A single capital letter. */
  @Column({ name: 'case_key', type: 'varchar', length: 1 })
  caseKey!: string;

  /** e.g. `Case A`. */
  @Column({ type: 'varchar', length: 20 })
  pseudonym!: string;

  @Column({ name: 'moderated_grade', type: 'varchar', length: 32, nullable: true })
  moderatedGrade!: Grade | null;

  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  @Column({ name: 'moderated_at', type: 'timestamptz', nullable: true })
  moderatedAt!: Date | null;

  @Column({ name: 'moderated_by_person_id', type: 'uuid', nullable: true })
  moderatedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'moderated_by_person_id',
    foreignKeyConstraintName: 'fk_audit_cases_moderated_by',
  })
  moderatedBy?: Person;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
