import { Injectable } from '@nestjs/common';
import type { OutboxJobData } from '../../engine/queue-names';
import {
  CONCERN_ACTIONED_ROLES,
  renderConcernActionedEmail,
  type ConcernActionedRole,
} from '../../mail/templates';
import { AuditNotifier } from './audit-notifier';
import { NotificationLedger } from './notification-ledger';
import type { NotifyOutcome } from './notification-mailer';
import { partnershipRoleHolders, RecipientReasons } from './notification-recipients';

export const CONCERN_ACTIONED_TOPIC = 'immediate-concern-actioned';

/**
 * Tells the person who raised an immediate concern, and the partnership's business managers, that
 * what was done about it has been recorded: when and where to read it, never what it was.
 */
@Injectable()
export class ConcernActionedNotifier extends AuditNotifier {
  readonly topic = CONCERN_ACTIONED_TOPIC;

  async notify(job: OutboxJobData): Promise<NotifyOutcome> {
    const concern = await this.concernOf(job);
    const audit = await this.contexts.load(job);

    const recipients = new RecipientReasons<ConcernActionedRole>(CONCERN_ACTIONED_ROLES);
    recipients.add(concern.raisedByPersonId, 'raised-it');
    const managers = await partnershipRoleHolders(this.dataSource, job.partnershipId, [
      'business-manager',
    ]);
    for (const manager of managers) recipients.add(manager.personId, 'business-manager');

    return this.mailer.sendToEach({
      what: 'immediate concern actioned',
      ids: { concernId: concern.id, instanceId: job.instanceId, eventId: job.eventId },
      recipients,
      ledger: NotificationLedger.forAuditEvent(this.dataSource, job, this.topic),
      render: ({ name, reason }) =>
        renderConcernActionedEmail({
          recipientName: name,
          role: reason,
          reference: audit.reference,
          raisedOn: concern.raisedOn,
          actionedOn: concern.actionedOn ?? audit.occurredOn,
          auditUrl: audit.auditUrl,
        }),
    });
  }
}
