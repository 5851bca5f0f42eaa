import { Column } from 'typeorm';

/**
 * What each "who was told" table keeps about one email to one person: sent (with its
 * Message-ID) or failed for good (with why), and when it was tried. Tables extend it with what
 * the email was about and whom it went to.
 */
export abstract class NotificationRecord {
  @Column({ type: 'varchar', length: 16 })
  status!: 'sent' | 'failed';

  /** Why a send failed for good (a MailFailureCode), never the server's text. */
  @Column({ name: 'failure_code', type: 'varchar', length: 32, nullable: true })
  failureCode!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;
}
