import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Task } from './task.entity';
import { WorkflowEvent } from './workflow-event.entity';
import { WorkflowInstance } from './workflow-instance.entity';

export const DEADLINE_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * The moment an open task falls due, when its step sends an event then (`onDue`). At most one per
 * task: moved when the due date moves, cancelled when the task closes, fired once by the sweep.
 */
@Entity({ name: 'deadlines' })
@Index('uq_deadlines_task', ['taskId'], { unique: true })
@Index('ix_deadlines_pending_due', { synchronize: false })
@Check('ck_deadlines_status', `"status" IN ('pending', 'fired', 'cancelled')`)
export class Deadline {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_deadlines' })
  id!: string;

  /** The instance's partnership, for row-level security; the instance's foreign key vouches for it. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_deadlines_instance' })
  instance?: WorkflowInstance;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_deadlines_task' })
  task?: Task;

  /** The end of the due day in Europe/London. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'event_type', type: 'varchar', length: 100 })
  eventType!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeadlineStatus;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;

  /** The event the firing applied; null when the instance no longer accepted it. */
  @Column({ name: 'fired_event_id', type: 'uuid', nullable: true })
  firedEventId!: string | null;

  @ManyToOne(() => WorkflowEvent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'fired_event_id', foreignKeyConstraintName: 'fk_deadlines_fired_event' })
  firedEvent?: WorkflowEvent;
}
