import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkflowEvent } from '../../engine/persistence/workflow-event.entity';
import { Partnership } from '../../partnerships/partnership.entity';
import { Person } from '../../people/person.entity';
import { Audit } from '../persistence/audit.entity';
import { NotificationRecord } from './notification-record';

/** The audit workflow's effects that tell people something by email (other than a raised concern). */
export const AUDIT_NOTIFICATION_KINDS = [
  'immediate-concern-actioned',
  'return-reopened',
  'meeting-date-changed',
] as const;
export type AuditNotificationKind = (typeof AUDIT_NOTIFICATION_KINDS)[number];

/**
 * One email telling a person about something that happened in an audit (the event that emitted the
 * effect): sent once per person and event, however often the job runs, and kept as the record
 * that they were told, or of why they could not be.
 */
@Entity({ name: 'audit_notifications' })
@Index('uq_audit_notifications_person', ['eventId', 'kind', 'personId'], { unique: true })
@Index('ix_audit_notifications_instance', ['instanceId'])
@Check(
  'ck_audit_notifications_kind',
  `"kind" IN ('immediate-concern-actioned', 'return-reopened', 'meeting-date-changed')`,
)
@Check('ck_audit_notifications_status', `"status" IN ('sent', 'failed')`)
export class AuditNotification extends NotificationRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_notifications' })
  id!: string;

  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId!: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'partnership_id',
    foreignKeyConstraintName: 'fk_audit_notifications_partnership',
  })
  partnership?: Partnership;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_audit_notifications_audit' })
  audit?: Audit;

  /** The workflow event whose effect this email reports. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => WorkflowEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_audit_notifications_event' })
  event?: WorkflowEvent;

  @Column({ type: 'varchar', length: 32 })
  kind!: AuditNotificationKind;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_audit_notifications_person' })
  person?: Person;
}
