import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WorkflowInstance } from './workflow-instance.entity';

/**
 * A side effect committed with the event that caused it, waiting for the relay to hand it to
 * BullMQ. Payloads carry ids and dates only. The partial index on undispatched rows is created by
 * the migration.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_undispatched', { synchronize: false })
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_outbox',
  })
  id!: string;

  /** The instance's partnership, for row-level security; the instance's foreign key vouches for it. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_outbox_instance' })
  instance?: WorkflowInstance;

  /** The event that wrote it (no foreign key: outbox rows are delivery records, kept lean). */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** e.g. `task.opened`, or the rest of an `effect.` action type. */
  @Column({ type: 'varchar', length: 100 })
  topic!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
