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
import { Agency } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';
import { Person } from '../people/person.entity';
import type { ActionStatus } from './action-status';
import { Recommendation } from './recommendation.entity';

/**
 * One action of a recommendation's action plan: what an owner agency will do, led by one person,
 * by a due date. `version` increments with every change, for optimistic concurrency (If-Match).
 * Closing needs the subgroup's agreement, recorded in `closureAgreement`.
 */
@Entity({ name: 'actions' })
@Index('uq_actions_recommendation_number', ['recommendationId', 'number'], { unique: true })
@Index('ix_actions_partnership_status', ['partnershipId', 'status'])
@Index('ix_actions_instance', ['instanceId'])
@Index('ix_actions_owner_agency', ['ownerAgencyId'])
@Index('ix_actions_lead_person', ['leadPersonId'])
@Check('ck_actions_number', `"number" >= 1`)
@Check(
  'ck_actions_status',
  `"status" IN ('not-started', 'in-progress', 'awaiting-closure', 'complete')`,
)
@Check(
  'ck_actions_closed',
  `("status" = 'complete') = ("closed_at" IS NOT NULL AND "closure_agreement" IS NOT NULL)`,
)
@Check('ck_actions_version', `"version" >= 1`)
export class PlanAction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_actions' })
  id!: string;

  /** The source instance's partnership, for row-level security. */
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_actions_partnership' })
  partnership?: Partnership;

  @Column({ name: 'recommendation_id', type: 'uuid' })
  recommendationId!: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id', foreignKeyConstraintName: 'fk_actions_recommendation' })
  recommendation?: Recommendation;

  /** The recommendation's source instance, kept here so routes and lists scope by it directly. */
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => WorkflowInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_actions_instance' })
  instance?: WorkflowInstance;

  /** Within the recommendation: action 2.1 is recommendation 2's first action. */
  @Column({ type: 'int' })
  number!: number;

  /** What will be done. Case learning: never in logs, emails or URLs. */
  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'owner_agency_id', type: 'uuid' })
  ownerAgencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_agency_id', foreignKeyConstraintName: 'fk_actions_owner_agency' })
  ownerAgency?: Agency;

  @Column({ name: 'lead_person_id', type: 'uuid' })
  leadPersonId!: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_person_id', foreignKeyConstraintName: 'fk_actions_lead_person' })
  leadPerson?: Person;

  /** Europe/London calendar date. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ActionStatus;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'closure_requested_at', type: 'timestamptz', nullable: true })
  closureRequestedAt!: Date | null;

  @Column({ name: 'closure_requested_by_person_id', type: 'uuid', nullable: true })
  closureRequestedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'closure_requested_by_person_id',
    foreignKeyConstraintName: 'fk_actions_closure_requested_by',
  })
  closureRequestedBy?: Person;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by_person_id', type: 'uuid', nullable: true })
  closedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by_person_id', foreignKeyConstraintName: 'fk_actions_closed_by' })
  closedBy?: Person;

  /** The record of the subgroup's agreement, e.g. the meeting and minute that agreed it. */
  @Column({ name: 'closure_agreement', type: 'text', nullable: true })
  closureAgreement!: string | null;

  @Column({ name: 'created_by_person_id', type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_person_id', foreignKeyConstraintName: 'fk_actions_created_by' })
  createdBy?: Person;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
