import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailDeliveryError, MailSender } from '../../mail/mail-sender';
import {
  checkPersonName,
  UnsafeEmailContentError,
  type PersonName,
  type RenderedEmail,
} from '../../mail/templates';
import type { NotificationLedger } from './notification-ledger';
import type { RecipientReasons } from './notification-recipients';

export interface NotifyOutcome {
  sent: number;
  failed: number;
  alreadyTold: number;
}

export interface NotificationRound<R extends string> {
  /** What is being told, for the log: e.g. `return reopened`. */
  what: string;
  /** Ids only, for the log. */
  ids: Readonly<Record<string, string>>;
  recipients: RecipientReasons<R>;
  ledger: NotificationLedger;
  render: (to: { name: PersonName; reason: R }) => RenderedEmail;
}

/**
 * Sends one email to each active recipient not yet told, and records each outcome in the round's
 * ledger: sent, or failed for good (a rejected address, a name that may not go into an email).
 * A failure that may pass leaves the person unrecorded and is thrown once everyone else has had
 * their turn, so BullMQ retries the job for them alone.
 */
@Injectable()
export class NotificationMailer {
  private readonly logger = new Logger('AuditNotifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
  ) {}

  async sendToEach<R extends string>(round: NotificationRound<R>): Promise<NotifyOutcome> {
    const ids = round.recipients.personIds;
    const active: Array<{ id: string; email: string; display_name: string }> =
      await this.dataSource.query(
        `SELECT id, email, display_name FROM people
          WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL ORDER BY id`,
        [ids],
      );
    const told = await round.ledger.told(active.map((person) => person.id));
    const people = active.filter((person) => !told.has(person.id));
    const outcome: NotifyOutcome = { sent: 0, failed: 0, alreadyTold: told.size };
    let retry: MailDeliveryError | null = null;
    for (const person of people) {
      const reason = round.recipients.reasonOf(person.id);
      if (reason === undefined) continue;
      try {
        const name = checkPersonName(person.display_name);
        const receipt = await this.mail.send(
          { address: person.email, name },
          round.render({ name, reason }),
          { messageKey: round.ledger.messageKey(person.id) },
        );
        await round.ledger.record(person.id, { status: 'sent', messageId: receipt.messageId });
        outcome.sent++;
      } catch (error) {
        if (error instanceof MailDeliveryError && !error.permanent) {
          retry = error;
          continue;
        }
        const failureCode =
          error instanceof MailDeliveryError
            ? error.code
            : error instanceof UnsafeEmailContentError
              ? 'unsafe-content'
              : null;
        if (failureCode === null) throw error;
        await round.ledger.record(person.id, { status: 'failed', failureCode });
        outcome.failed++;
      }
    }
    this.logger.log(
      { ...round.ids, ...outcome, retrying: retry !== null },
      `${round.what}: people notified`,
    );
    if (retry) throw retry;
    return outcome;
  }
}
