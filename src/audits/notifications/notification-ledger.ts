import type { DataSource } from 'typeorm';
import type { OutboxJobData } from '../../engine/queue-names';
import type { AuditNotificationKind } from './audit-notification.entity';

export type NotificationResult =
  { status: 'sent'; messageId: string } | { status: 'failed'; failureCode: string };

/** The tables that record who was told of what, and the columns that say what. */
type LedgerSubject =
  | { table: 'concern_notifications'; columns: { concern_id: string } }
  | {
      table: 'audit_notifications';
      columns: { instance_id: string; event_id: string; kind: AuditNotificationKind };
    };

/**
 * The record of who was told about one thing (a concern raised, an event's effect): one row per
 * person, sent or failed for good, so a job that runs again tells nobody twice. The unique index
 * of each table makes a second record of the same person a no-op.
 */
export class NotificationLedger {
  private readonly keys: string[];
  private readonly values: string[];

  private constructor(
    private readonly dataSource: DataSource,
    private readonly partnershipId: string,
    private readonly subject: LedgerSubject,
    /** What the email is about, the start of each message key (e.g. `return-reopened:<event>`). */
    private readonly about: string,
  ) {
    this.keys = Object.keys(subject.columns);
    this.values = Object.values(subject.columns);
  }

  /** Who was told that an immediate concern was raised (`concern_notifications`). */
  static forConcernRaised(
    dataSource: DataSource,
    partnershipId: string,
    concernId: string,
  ): NotificationLedger {
    return new NotificationLedger(
      dataSource,
      partnershipId,
      { table: 'concern_notifications', columns: { concern_id: concernId } },
      `immediate-concern:${concernId}`,
    );
  }

  /** Who was told of one event's effect in an audit (`audit_notifications`). */
  static forAuditEvent(
    dataSource: DataSource,
    job: OutboxJobData,
    kind: AuditNotificationKind,
  ): NotificationLedger {
    return new NotificationLedger(
      dataSource,
      job.partnershipId,
      {
        table: 'audit_notifications',
        columns: { instance_id: job.instanceId, event_id: job.eventId, kind },
      },
      `${kind}:${job.eventId}`,
    );
  }

  /** Unique per message and person: the mail sender hashes it into a stable Message-ID. */
  messageKey(personId: string): string {
    return `${this.about}:${personId}`;
  }

  async told(personIds: readonly string[]): Promise<Set<string>> {
    const match = this.keys.map((key, index) => `"${key}" = $${index + 2}`).join(' AND ');
    const rows: Array<{ person_id: string }> = await this.dataSource.query(
      `SELECT person_id FROM "${this.subject.table}" WHERE person_id = ANY($1::uuid[]) AND ${match}`,
      [personIds, ...this.values],
    );
    return new Set(rows.map((row) => row.person_id));
  }

  async record(personId: string, result: NotificationResult): Promise<void> {
    const columns = ['partnership_id', 'person_id', 'status', 'failure_code', 'message_id'];
    const values = [
      this.partnershipId,
      personId,
      result.status,
      result.status === 'failed' ? result.failureCode : null,
      result.status === 'sent' ? result.messageId : null,
      ...this.values,
    ];
    const names = [...columns, ...this.keys].map((name) => `"${name}"`).join(', ');
    const params = values.map((_, index) => `$${index + 1}`).join(', ');
    await this.dataSource.query(
      `INSERT INTO "${this.subject.table}" (${names}, attempted_at) VALUES (${params}, now())
       ON CONFLICT DO NOTHING`,
      values,
    );
  }
}
