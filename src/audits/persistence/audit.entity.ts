import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkflowInstance } from '../../engine/persistence/workflow-instance.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import { AuditToolVersion } from './audit-tool-version.entity';

/**
 * What the audits module keeps about one case file audit beside its workflow instance: the plan
 * (theme, scope, look-back, pinned tool version, meeting date), the agencies to ask, and the
 * meeting's overall findings. One row per `case-file-audit` instance, keyed by its id.
 */
@Entity({ name: 'audits' })
@Index('ix_audits_partnership', ['partnershipId'])
export class Audit {
  @PrimaryColumn('uuid', { name: 'instance_id', primaryKeyConstraintName: 'pk_audits' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_audits_instance' })
  instance?: WorkflowInstance;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_audits_partnership' })
  partnership?: Partnership;

  @Column({ type: 'varchar', length: 200 })
  theme!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'look_back_months', type: 'int' })
  lookBackMonths!: number;

  @Column({ name: 'tool_version_id', type: 'uuid' })
  toolVersionId!: string;

  @ManyToOne(() => AuditToolVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tool_version_id', foreignKeyConstraintName: 'fk_audits_tool_version' })
  toolVersion?: AuditToolVersion;

  @Column({ name: 'meeting_on', type: 'date' })
  meetingOn!: string;

  /** The agencies to ask about involvement, unless the case selection names others. */
  @Column({ name: 'agency_ids', type: 'uuid', array: true, default: () => "'{}'" })
  agencyIds!: string[];

  /** When the business unit closed the single-agency audits: returns first submitted later are late. */
  @Column({ name: 'audits_closed_on', type: 'date', nullable: true })
  auditsClosedOn!: string | null;

  @Column({ name: 'meeting_held_on', type: 'date', nullable: true })
  meetingHeldOn!: string | null;

  /** The meeting's findings and learning across the cases. */
  @Column({ name: 'meeting_findings', type: 'text', nullable: true })
  meetingFindings!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by_person_id', type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_person_id', foreignKeyConstraintName: 'fk_audits_created_by' })
  createdBy?: Person;
}
