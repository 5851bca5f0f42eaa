import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Task } from '../../engine/persistence/task.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import type { ReminderKind } from '../policy';

export const REMINDER_STATUSES = [
  /** Waiting for its slot (or for a retry after a transient failure). */
  'planned',
  /** Claimed by a worker (`claimed_by`), emails going out. */
  'sending',
  'sent',
  /** Never sent: a later reminder covered it, or every recipient takes the daily digest. */
  'skipped',
  /** The task closed, was re-dated or exempted before the slot came. */
  'cancelled',
  /** Could not be delivered; listed for the business unit, who can retry it. */
  'failed',
] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * One planned reminder slot of one task: the PostgreSQL truth the BullMQ delayed jobs are only a
 * fast path over. `key` (`taskId:dueOn:slot`) is unique, so a slot is planned once and sent once.
 * Partial indexes on planned and sending rows are created by the migration.
 */
@Entity({ name: 'reminders' })
@Index('ix_reminders_task', ['taskId'])
@Index('ix_reminders_planned_send_at', { synchronize: false })
@Index('ix_reminders_sending', { synchronize: false })
@Index('ix_reminders_failed', { synchronize: false })
@Check(
  'ck_reminders_status',
  `"status" IN ('planned', 'sending', 'sent', 'skipped', 'cancelled', 'failed')`,
)
@Check('ck_reminders_kind', `"kind" IN ('before', 'due', 'overdue', 'escalation')`)
export class Reminder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reminders' })
  id!: string;

  /** The task's partnership, for row-level security. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_reminders_partnership' })
  partnership?: Partnership;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_reminders_task' })
  task?: Task;

  /** `${taskId}:${dueOn}:${slot}` from the policy's `reminderKey`. */
  @Index('uq_reminders_key', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  key!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReminderKind;

  @Column({ type: 'int' })
  sequence!: number;

  /** The due date it was planned for (Europe/London calendar date). */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: ReminderStatus;

  /** Delivery attempts that claimed it. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** After a transient failure, not before this instant. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** The worker lease (`WorkerLease.id`) that holds it while `sending`. */
  @Column({ name: 'claimed_by', type: 'int', nullable: true })
  claimedBy!: number | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /** Why it was skipped: `superseded` (see `superseded_by`) or `digest`. */
  @Column({ name: 'skip_reason', type: 'varchar', length: 20, nullable: true })
  skipReason!: string | null;

  @Column({ name: 'superseded_by', type: 'varchar', length: 120, nullable: true })
  supersededBy!: string | null;

  /** A MailFailureCode or `no-recipient`/`unsafe-content`: never an address or server text. */
  @Column({ name: 'error_code', type: 'varchar', length: 40, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'smtp_status', type: 'int', nullable: true })
  smtpStatus!: number | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
