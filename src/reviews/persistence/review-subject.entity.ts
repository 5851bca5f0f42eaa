import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WorkflowInstance } from '../../engine/persistence/workflow-instance.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';

/** One agency's record number for the child. */
export interface SubjectRecordNumber {
  agencyId: string;
  recordNumber: string;
}

/**
 * Who a review's child is: kept apart from the review (which knows only the pseudonym), shown only
 * with `case-identifiers.view`, and every view logged. Never logged, put in a URL, an error, an
 * email or a job.
 */
@Entity({ name: 'review_subjects' })
@Index('uq_review_subjects_instance', ['instanceId'], { unique: true })
export class ReviewSubject {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_subjects' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_review_subjects_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_review_subjects_instance' })
  instance?: WorkflowInstance;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ name: 'record_numbers', type: 'jsonb', default: () => "'[]'" })
  recordNumbers!: SubjectRecordNumber[];

  @Column({ name: 'recorded_by_person_id', type: 'uuid', nullable: true })
  recordedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'recorded_by_person_id',
    foreignKeyConstraintName: 'fk_review_subjects_recorded_by',
  })
  recordedBy?: Person;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
