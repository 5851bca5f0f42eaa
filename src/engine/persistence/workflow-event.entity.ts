import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../../people/person.entity';
import { WorkflowInstance } from './workflow-instance.entity';

/**
 * One applied event, append-only (a trigger refuses updates): who, when, what, and the state it
 * moved the instance from and to. `version` is the instance version the event produced.
 */
@Entity({ name: 'workflow_events' })
@Index('uq_workflow_events_version', ['instanceId', 'version'], { unique: true })
/** Partial (only events with a key), declared in the migrations. */
@Index('uq_workflow_events_idempotency', { synchronize: false })
export class WorkflowEvent {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_workflow_events' })
  id!: string;

  /** The instance's partnership, for row-level security; the instance's foreign key vouches for it. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_workflow_events_instance' })
  instance?: WorkflowInstance;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'definition_version', type: 'int' })
  definitionVersion!: number;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: 'person' | 'system';

  @Column({ name: 'actor_person_id', type: 'uuid', nullable: true })
  actorPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_person_id', foreignKeyConstraintName: 'fk_workflow_events_actor' })
  actor?: Person;

  @Column({ name: 'from_state', type: 'jsonb', nullable: true })
  fromState!: unknown;

  @Column({ name: 'to_state', type: 'jsonb' })
  toState!: unknown;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** Fingerprint of the command that carried the idempotency key. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash!: string | null;

  /** What the command returned, replayed to a repeat with the same idempotency key. */
  @Column({ type: 'jsonb', nullable: true })
  outcome!: unknown;
}
