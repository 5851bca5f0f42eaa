import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkflowInstance } from '../engine/persistence/workflow-instance.entity';
import { Partnership } from '../partnerships/partnership.entity';
import { Person } from '../people/person.entity';
import type { RecommendationStatus } from './action-status';

/**
 * A recommendation an audit or review made (its source instance), numbered within that source.
 * Its text is case learning: it never goes into logs, emails or URLs.
 */
@Entity({ name: 'recommendations' })
@Index('uq_recommendations_instance_number', ['instanceId', 'number'], { unique: true })
@Index('ix_recommendations_partnership', ['partnershipId'])
@Check('ck_recommendations_number', `"number" >= 1`)
@Check('ck_recommendations_status', `"status" IN ('open', 'complete')`)
export class Recommendation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_recommendations' })
  id!: string;

  /** The source instance's partnership, for row-level security. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_recommendations_partnership',
  })
  partnership?: Partnership;

  /** The audit or review that made it. */
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_recommendations_instance' })
  instance?: WorkflowInstance;

  /** As numbered in the source's report: recommendation 1, 2, 3... */
  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RecommendationStatus;

  @Column({ name: 'created_by_person_id', type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by_person_id',
    foreignKeyConstraintName: 'fk_recommendations_created_by',
  })
  createdBy?: Person;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
