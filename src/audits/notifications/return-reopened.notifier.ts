import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { OutboxJobData } from '../../engine/queue-names';
import {
  checkAgencyName,
  renderReturnReopenedEmail,
  RETURN_REOPENED_ROLES,
  type ReturnReopenedRole,
} from '../../mail/templates';
import { payloadUuid } from './audit-outbox-job';
import { AuditNotifier } from './audit-notifier';
import { NotificationLedger } from './notification-ledger';
import type { NotifyOutcome } from './notification-mailer';
import { RecipientReasons } from './notification-recipients';

export const RETURN_REOPENED_TOPIC = 'return-reopened';

/**
 * Tells the reopened agency's people on the audit (its safeguarding leads and audit group members)
 * that one of its returns must be submitted again. The payload's case key and the event's reason
 * are never read: they stay out of the email.
 */
@Injectable()
export class ReturnReopenedNotifier extends AuditNotifier {
  readonly topic = RETURN_REOPENED_TOPIC;

  async notify(job: OutboxJobData): Promise<NotifyOutcome> {
    const agencyId = payloadUuid(job, 'agencyId');
    const agencies: Array<{ name: string }> = await this.dataSource.query(
      `SELECT name FROM agencies WHERE id = $1 AND partnership_id = $2`,
      [agencyId, job.partnershipId],
    );
    if (!agencies[0]) throw new UnrecoverableError(`${this.topic} for an unknown agency`);
    const audit = await this.contexts.load(job);

    const recipients = new RecipientReasons<ReturnReopenedRole>(RETURN_REOPENED_ROLES);
    for (const member of audit.instance.members) {
      if (member.agencyId !== agencyId) continue;
      if (member.role === 'agency-safeguarding-lead' || member.role === 'audit-group-member') {
        recipients.add(member.personId, member.role);
      }
    }

    return this.mailer.sendToEach({
      what: 'audit return reopened',
      ids: { agencyId, instanceId: job.instanceId, eventId: job.eventId },
      recipients,
      ledger: NotificationLedger.forAuditEvent(this.dataSource, job, this.topic),
      render: ({ name, reason }) =>
        renderReturnReopenedEmail({
          recipientName: name,
          role: reason,
          reference: audit.reference,
          agencyName: checkAgencyName(agencies[0].name),
          reopenedOn: audit.occurredOn,
          auditUrl: audit.auditUrl,
        }),
    });
  }
}
