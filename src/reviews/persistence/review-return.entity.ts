import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkflowEvent } from '../../engine/persistence/workflow-event.entity';
import { WorkflowInstance } from '../../engine/persistence/workflow-instance.entity';
import { Agency } from '../../partnerships/agency.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';

export const DRAFT_STATUSES = ['draft', 'submitted'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/**
 * One agency's information return to a review (rapid review summary, chronology, agency report,
 * IMR): drafted by the agency's lead, then submitted with the workflow event that records it, in
 * one transaction. The content is case content.
 */
@Entity({ name: 'review_returns' })
@Index('uq_review_returns_kind_agency', ['instanceId', 'kind', 'agencyId'], { unique: true })
@Check('ck_review_returns_status', `"status" IN ('draft', 'submitted')`)
export class ReviewReturn {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_returns' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_review_returns_partnership' })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_review_returns_instance' })
  instance?: WorkflowInstance;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_review_returns_agency' })
  agency?: Agency;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DraftStatus;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_by_person_id', type: 'uuid', nullable: true })
  updatedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'updated_by_person_id',
    foreignKeyConstraintName: 'fk_review_returns_updated_by',
  })
  updatedBy?: Person;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_event_id', type: 'uuid', nullable: true })
  submittedEventId!: string | null;

  @ManyToOne(() => WorkflowEvent, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'submitted_event_id',
    foreignKeyConstraintName: 'fk_review_returns_submitted_event',
  })
  submittedEvent?: WorkflowEvent;
}
