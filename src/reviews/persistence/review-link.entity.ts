import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkflowInstance } from '../../engine/persistence/workflow-instance.entity';
import { Partnership } from '../../partnerships/partnership.entity';

export const REVIEW_LINK_KINDS = ['stepped-down'] as const;
export type ReviewLinkKind = (typeof REVIEW_LINK_KINDS)[number];

/**
 * A review continued by another: a statutory review stepped down to the learning review that
 * carries it on. Read from either side. Unique both ways, which also makes starting the learning
 * review exactly-once.
 */
@Entity({ name: 'review_links' })
@Index('uq_review_links_from', ['fromInstanceId', 'kind'], { unique: true })
@Index('uq_review_links_to', ['toInstanceId', 'kind'], { unique: true })
@Check('ck_review_links_kind', `"kind" IN ('stepped-down')`)
export class ReviewLink {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_links' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_review_links_partnership' })
  partnership?: Partnership;

  @Column({ type: 'varchar', length: 32 })
  kind!: ReviewLinkKind;

  @Column({ name: 'from_instance_id', type: 'uuid' })
  fromInstanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_instance_id', foreignKeyConstraintName: 'fk_review_links_from' })
  from?: WorkflowInstance;

  @Column({ name: 'to_instance_id', type: 'uuid' })
  toInstanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_instance_id', foreignKeyConstraintName: 'fk_review_links_to' })
  to?: WorkflowInstance;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
