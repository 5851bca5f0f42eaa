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
import { Reminder } from './reminder.entity';

export const EMAIL_LOG_STATUSES = [
  /** Claimed by a worker (`claimed_by`) and being handed to SMTP. */
  'sending',
  'sent',
  /** Not delivered; `permanent` says whether retrying could help. */
  'failed',
  /** Decided not to send (a digest with nothing due this week). */
  'skipped',
] as const;
export type EmailLogStatus = (typeof EMAIL_LOG_STATUSES)[number];

/**
 * Every reminder, escalation and digest email: one row per message and recipient, by person id
 * (never the address). `message_key` is unique among rows that are not failed (a partial unique
 * index made by the migration), so the same message is never sent twice, whichever worker tries;
 * a failed attempt stays as history and a retry adds a new row.
 */
@Entity({ name: 'email_log' })
@Index('uq_email_log_message_key', { synchronize: false })
@Index('ix_email_log_reminder', ['reminderId'])
@Index('ix_email_log_person', ['personId', 'createdAt'])
@Index('ix_email_log_sending', { synchronize: false })
@Check('ck_email_log_status', `"status" IN ('sending', 'sent', 'failed', 'skipped')`)
export class EmailLog {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_email_log' })
  id!: string;

  /** The task's partnership; null for a digest, which spans the person's partnerships. */
  @Column({ name: 'partnership_id', type: 'uuid', nullable: true })
  partnershipId!: string | null;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_email_log_partnership' })
  partnership?: Partnership;

  /** `${reminderKey}>${personId}` or `digest:${personId}:${date}`: hashed into the Message-ID. */
  @Column({ name: 'message_key', type: 'varchar', length: 200 })
  messageKey!: string;

  @Column({ name: 'reminder_id', type: 'uuid', nullable: true })
  reminderId!: string | null;

  @ManyToOne(() => Reminder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reminder_id', foreignKeyConstraintName: 'fk_email_log_reminder' })
  reminder?: Reminder;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_email_log_person' })
  person?: Person;

  /** reminder, escalation or digest. */
  @Column({ type: 'varchar', length: 20 })
  template!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: EmailLogStatus;

  @Column({ name: 'claimed_by', type: 'int', nullable: true })
  claimedBy!: number | null;

  /** The Message-ID the server accepted. */
  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId!: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 40, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'smtp_status', type: 'int', nullable: true })
  smtpStatus!: number | null;

  @Column({ type: 'boolean', nullable: true })
  permanent!: boolean | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
