import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../common/clock';
import {
  classifyMailFailure,
  type MailReceipt,
  type MailRecipient,
  type MailSender,
} from '../../mail/mail-sender';
import type { RenderedEmail } from '../../mail/templates';
import { claimantIsGoneSql, type WorkerLease } from './worker-lease';
import { returnedRows } from '../persistence/returning';

export interface OutgoingEmail {
  /** Unique per message and recipient; hashed into a stable Message-ID. */
  messageKey: string;
  partnershipId: string | null;
  reminderId: string | null;
  personId: string;
  to: MailRecipient;
  email: RenderedEmail;
}

export type DeliveryResult =
  | { outcome: 'sent'; messageId: string }
  /** An earlier attempt (this worker's or another's) sent it: nothing was sent now. */
  | { outcome: 'already-sent' }
  /** Another live worker is sending it right now. */
  | { outcome: 'in-flight' }
  | { outcome: 'failed'; permanent: boolean; code: string; smtpStatus: number | null };

/**
 * Sends one email at most once, keyed by `messageKey` in `email_log`:
 *
 * 1. Claim: insert the row as `sending` under this worker's lease. The partial unique index on
 *    `message_key` (rows not failed) lets only one worker win, however many try at once. A row
 *    left `sending` by a worker that has died (its lease lock is gone) is taken over.
 * 2. Send over SMTP with a Message-ID derived from the key, the same on every attempt.
 * 3. Record `sent` with the Message-ID, or `failed` with the failure code and SMTP status.
 *
 * The one gap no SMTP client can close is a worker dying after the server accepted the message
 * and before step 3 commits (milliseconds). The takeover then sends it again, with the same
 * Message-ID, so the recipient's mail system sees one message (and a human sees one thread);
 * choosing the other way would risk losing the reminder. Nothing else can cause a repeat.
 */
export class EmailDelivery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly lease: WorkerLease,
    private readonly clock: Clock,
  ) {}

  /**
   * `thenInSameTransaction` runs in the transaction that records the outcome of a send attempt
   * (not when nothing was sent), so a caller's own bookkeeping commits with it.
   */
  async deliver(
    out: OutgoingEmail,
    thenInSameTransaction?: (manager: EntityManager, result: DeliveryResult) => Promise<void>,
  ): Promise<DeliveryResult> {
    const claim = await this.claim(out);
    if (claim.outcome !== 'claimed') return claim;
    let receipt: MailReceipt;
    try {
      receipt = await this.mail.send(out.to, out.email, { messageKey: out.messageKey });
    } catch (error) {
      const failure = classifyMailFailure(error);
      const failed: DeliveryResult = {
        outcome: 'failed',
        permanent: failure.permanent,
        code: failure.code,
        smtpStatus: failure.responseCode ?? null,
      };
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE email_log SET status = 'failed', error_code = $2, smtp_status = $3,
                  permanent = $4, finished_at = $5 WHERE id = $1`,
          [
            claim.id,
            failure.code,
            failure.responseCode ?? null,
            failure.permanent,
            this.clock.now(),
          ],
        );
        await thenInSameTransaction?.(manager, failed);
      });
      return failed;
    }
    const sent: DeliveryResult = { outcome: 'sent', messageId: receipt.messageId };
    // If this write fails the row stays `sending` under our lease, and a retry takes it over.
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE email_log SET status = 'sent', message_id = $2, finished_at = $3 WHERE id = $1`,
        [claim.id, receipt.messageId.slice(0, 200), this.clock.now()],
      );
      await thenInSameTransaction?.(manager, sent);
    });
    return sent;
  }

  /** Records an email decided against (a digest with nothing due), once. */
  async recordSkipped(out: Omit<OutgoingEmail, 'to' | 'email'>, template: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO email_log (partnership_id, message_key, reminder_id, person_id, template, status,
                              created_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, 'skipped', $6, $6)
       ON CONFLICT (message_key) WHERE status <> 'failed' DO NOTHING`,
      [out.partnershipId, out.messageKey, out.reminderId, out.personId, template, this.clock.now()],
    );
  }

  private async claim(
    out: OutgoingEmail,
  ): Promise<
    { outcome: 'claimed'; id: string } | Exclude<DeliveryResult, { outcome: 'sent' | 'failed' }>
  > {
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO email_log (partnership_id, message_key, reminder_id, person_id, template, status,
                              claimed_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'sending', $6, $7)
       ON CONFLICT (message_key) WHERE status <> 'failed' DO NOTHING
       RETURNING id`,
      [
        out.partnershipId,
        out.messageKey,
        out.reminderId,
        out.personId,
        out.email.template,
        this.lease.id,
        this.clock.now(),
      ],
    );
    if (inserted[0]) return { outcome: 'claimed', id: inserted[0].id };
    const taken = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE email_log SET claimed_by = $2
        WHERE message_key = $1 AND status = 'sending'
          AND (claimed_by = $2 OR ${claimantIsGoneSql('email_log.claimed_by')})
        RETURNING id`,
        [out.messageKey, this.lease.id],
      ),
    );
    if (taken[0]) return { outcome: 'claimed', id: taken[0].id };
    const existing: Array<{ status: string }> = await this.dataSource.query(
      `SELECT status FROM email_log WHERE message_key = $1 AND status <> 'failed'`,
      [out.messageKey],
    );
    return existing[0]?.status === 'sending'
      ? { outcome: 'in-flight' }
      : { outcome: 'already-sent' };
  }
}
