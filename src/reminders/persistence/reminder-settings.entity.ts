import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import type { ReminderSettings } from '../policy';

/**
 * A partnership's own reminder numbers (overrides of the defaults). `version` counts changes;
 * the reconcile sweep replans the partnership's open tasks until `applied_version` catches up.
 */
@Entity({ name: 'reminder_settings' })
export class ReminderSettingsRow {
  @PrimaryColumn('uuid', {
    name: 'partnership_id',
    primaryKeyConstraintName: 'pk_reminder_settings',
  })
  partnershipId!: string;

  @OneToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_reminder_settings_partnership',
  })
  partnership?: Partnership;

  /** Only the fields the partnership changed; `resolveReminderSettings` fills in the rest. */
  @Column({ type: 'jsonb' })
  overrides!: Partial<ReminderSettings>;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'applied_version', type: 'int', default: 0 })
  appliedVersion!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_person_id', type: 'uuid', nullable: true })
  updatedByPersonId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'updated_by_person_id',
    foreignKeyConstraintName: 'fk_reminder_settings_updated_by',
  })
  updatedBy?: Person;
}
