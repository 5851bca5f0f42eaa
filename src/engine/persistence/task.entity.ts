import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DueRule } from '../../../workflows/shared/due-rule';
import type { Assignee } from '../../../workflows/shared/steps';
import { Agency } from '../../partnerships/agency.entity';
import { Person } from '../../people/person.entity';
import { WorkflowEvent } from './workflow-event.entity';
import { WorkflowInstance } from './workflow-instance.entity';

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A step a state opened, for one assignee. Open while its state is active. Partial indexes on
 * open tasks (by person, agency, role and due date) are created by the migration.
 */
@Entity({ name: 'tasks' })
@Index('ix_tasks_instance_status', ['instanceId', 'status'])
@Index('ix_tasks_open_person', { synchronize: false })
@Index('ix_tasks_open_agency', { synchronize: false })
@Index('ix_tasks_open_role', { synchronize: false })
@Index('ix_tasks_open_due', { synchronize: false })
@Check('ck_tasks_status', `"status" IN ('open', 'completed', 'cancelled')`)
export class Task {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_tasks' })
  id!: string;

  /** The instance's partnership, for row-level security; the instance's foreign key vouches for it. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_tasks_instance' })
  instance?: WorkflowInstance;

  @Column({ name: 'step_key', type: 'varchar', length: 100 })
  stepKey!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'assignee_kind', type: 'varchar', length: 32 })
  assigneeKind!: Assignee['kind'];

  /** The instance or partnership role, for role assignees. */
  @Column({ name: 'assignee_role', type: 'varchar', length: 40, nullable: true })
  assigneeRole!: string | null;

  @Column({ name: 'assignee_person_id', type: 'uuid', nullable: true })
  assigneePersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_person_id', foreignKeyConstraintName: 'fk_tasks_assignee_person' })
  assigneePerson?: Person;

  @Column({ name: 'assignee_agency_id', type: 'uuid', nullable: true })
  assigneeAgencyId!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_agency_id', foreignKeyConstraintName: 'fk_tasks_assignee_agency' })
  assigneeAgency?: Agency;

  /** Europe/London calendar date; null while the rule's anchor has no date. */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ name: 'due_rule', type: 'jsonb', nullable: true })
  dueRule!: DueRule | null;

  /** True when the business unit's date (`dueOverrides`) replaced the rule. */
  @Column({ name: 'due_overridden', type: 'boolean', default: false })
  dueOverridden!: boolean;

  @Column({ type: 'boolean', default: true })
  remind!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: TaskStatus;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'opened_by_event_id', type: 'uuid' })
  openedByEventId!: string;

  @ManyToOne(() => WorkflowEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opened_by_event_id', foreignKeyConstraintName: 'fk_tasks_opened_by' })
  openedBy?: WorkflowEvent;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by_event_id', type: 'uuid', nullable: true })
  closedByEventId!: string | null;

  @ManyToOne(() => WorkflowEvent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by_event_id', foreignKeyConstraintName: 'fk_tasks_closed_by' })
  closedBy?: WorkflowEvent;
}
