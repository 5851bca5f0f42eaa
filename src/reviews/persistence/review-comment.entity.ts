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
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import type { DraftStatus } from './review-return.entity';

/**
 * A panel member's comments on one round of the draft report: drafted, then submitted with the
 * workflow event that records them, in one transaction. One per person per round; case content.
 */
@Entity({ name: 'review_comments' })
@Index('uq_review_comments_round_author', ['instanceId', 'round', 'authorPersonId'], {
  unique: true,
})
@Check('ck_review_comments_status', `"status" IN ('draft', 'submitted')`)
export class ReviewComment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_comments' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_review_comments_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_review_comments_instance' })
  instance?: WorkflowInstance;

  /** The round of comments (1, 2, ...) as the machine numbers them. */
  @Column({ type: 'integer' })
  round!: number;

  @Column({ name: 'author_person_id', type: 'uuid' })
  authorPersonId!: string;

  // People are deactivated, not deleted; comments keep their author.
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_person_id', foreignKeyConstraintName: 'fk_review_comments_author' })
  author?: Person;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DraftStatus;

  @Column({ type: 'integer' })
  version!: number;

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
    foreignKeyConstraintName: 'fk_review_comments_submitted_event',
  })
  submittedEvent?: WorkflowEvent;
}
