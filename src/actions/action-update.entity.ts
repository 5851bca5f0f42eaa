import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Partnership } from '../partnerships/partnership.entity';
import { Person } from '../people/person.entity';
import type { ActionUpdateKind } from './action-status';
import { PlanAction } from './action.entity';

/**
 * One entry in an action's history, append-only (a trigger refuses updates, and people's
 * transactions may not update or delete): a progress note with evidence of impact, or a step of
 * closing it. Notes and evidence are case learning: never in logs, emails or URLs.
 */
@Entity({ name: 'action_updates' })
@Index('ix_action_updates_action', ['actionId', 'position'])
@Check(
  'ck_action_updates_kind',
  `"kind" IN ('progress', 'closure-requested', 'closure-agreed', 'closure-declined')`,
)
export class ActionUpdate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_action_updates' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_action_updates_partnership',
  })
  partnership?: Partnership;

  /** Orders the history strictly, even for entries written in the same instant. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  position!: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId!: string;

  @ManyToOne(() => PlanAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'fk_action_updates_action' })
  action?: PlanAction;

  @Column({ type: 'varchar', length: 24 })
  kind!: ActionUpdateKind;

  /** The progress note, the closure summary, the subgroup's agreement record or its reason to decline. */
  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'evidence_of_impact', type: 'text', nullable: true })
  evidenceOfImpact!: string | null;

  @Column({ name: 'by_person_id', type: 'uuid', nullable: true })
  byPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_person_id', foreignKeyConstraintName: 'fk_action_updates_by' })
  by?: Person;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
