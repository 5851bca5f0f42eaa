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

export const ACCESS_LOG_ACTIONS = ['view', 'export'] as const;
export type AccessLogAction = (typeof ACCESS_LOG_ACTIONS)[number];

/**
 * One view or export of identifying case details: who, which record, what, when. Append-only: the
 * application role may insert and read rows, never change or delete them.
 */
@Entity({ name: 'access_log' })
@Index('ix_access_log_partnership_occurred', ['partnershipId', 'occurredAt'])
@Check('ck_access_log_action', `"action" IN ('view', 'export')`)
export class AccessLogEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_access_log' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_access_log_partnership' })
  partnership?: Partnership;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  // People are deactivated, not deleted; the log must outlive any attempt.
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_access_log_person' })
  person?: Person;

  /** What kind of record was read, e.g. `case-identifiers`. */
  @Column({ name: 'record_kind', type: 'varchar', length: 64 })
  recordKind!: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: AccessLogAction;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
