import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../../people/person.entity';
import type { ReminderDelivery } from '../policy';

/** How a person wants to hear about their tasks; no row means separate reminders. */
@Entity({ name: 'reminder_preferences' })
@Check('ck_reminder_preferences_delivery', `"delivery" IN ('individual', 'daily-digest')`)
export class ReminderPreference {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'pk_reminder_preferences' })
  personId!: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_reminder_preferences_person' })
  person?: Person;

  @Column({ type: 'varchar', length: 16 })
  delivery!: ReminderDelivery;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
