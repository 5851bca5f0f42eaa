import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';

export const INSTANCE_STATUSES = ['live', 'closed', 'broken'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** One running audit or review: the machine's persisted snapshot, pinned to its definition version. */
@Entity({ name: 'workflow_instances' })
@Index('ix_workflow_instances_partnership_status', ['partnershipId', 'status'])
@Index('ix_workflow_instances_definition', ['definitionKey', 'definitionVersion', 'status'])
@Check('ck_workflow_instances_status', `"status" IN ('live', 'closed', 'broken')`)
export class WorkflowInstance {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_workflow_instances' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_workflow_instances_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'definition_key', type: 'varchar', length: 100 })
  definitionKey!: string;

  @Column({ name: 'definition_version', type: 'int' })
  definitionVersion!: number;

  /** Human reference, e.g. RSCP-LCSPR-2026-003. */
  @Index('uq_workflow_instances_reference', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  reference!: string;

  /** Non-identifying title, e.g. "Child H". */
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** The XState state value (a string, or an object for nested states). */
  @Column({ name: 'state_value', type: 'jsonb' })
  stateValue!: unknown;

  /** The machine's persisted snapshot (`getPersistedSnapshot`). */
  @Column({ type: 'jsonb' })
  snapshot!: unknown;

  /** Increments with every applied event; commands may name the version they expect. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: InstanceStatus;

  /** Why the snapshot no longer fits its machine, when `broken`. */
  @Column({ name: 'broken_reason', type: 'text', nullable: true })
  brokenReason!: string | null;

  @Column({ name: 'created_by_person_id', type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by_person_id',
    foreignKeyConstraintName: 'fk_workflow_instances_created_by',
  })
  createdBy?: Person;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
