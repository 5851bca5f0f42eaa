import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import { ImmediateConcern } from './immediate-concern.entity';
import { NotificationRecord } from '../notifications/notification-record';

/**
 * One email telling a person about an immediate concern: sent once per person, however often the
 * job runs, and kept as the record that they were told.
 */
@Entity({ name: 'concern_notifications' })
@Index('uq_concern_notifications_person', ['concernId', 'personId'], { unique: true })
@Check('ck_concern_notifications_status', `"status" IN ('sent', 'failed')`)
export class ConcernNotification extends NotificationRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_concern_notifications' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_concern_notifications_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'concern_id', type: 'uuid' })
  concernId!: string;

  @ManyToOne(() => ImmediateConcern, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'concern_id',
    foreignKeyConstraintName: 'fk_concern_notifications_concern',
  })
  concern?: ImmediateConcern;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_concern_notifications_person' })
  person?: Person;
}
