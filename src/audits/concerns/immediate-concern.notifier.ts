import { Injectable } from '@nestjs/common';
import type { OutboxJobData } from '../../engine/queue-names';
import {
  IMMEDIATE_CONCERN_ROLES,
  renderImmediateConcernEmail,
  type ImmediateConcernRole,
} from '../../mail/templates';
import { AuditNotifier } from '../notifications/audit-notifier';
import { NotificationLedger } from '../notifications/notification-ledger';
import type { NotifyOutcome } from '../notifications/notification-mailer';
import { partnershipRoleHolders, RecipientReasons } from '../notifications/notification-recipients';

export const IMMEDIATE_CONCERN_TOPIC = 'immediate-concern-raised';

/**
 * Emails everyone who must hear of an immediate concern at once: the partnership's business
 * managers and chair, the audit's chair, and the raising agency's safeguarding lead on the audit.
 * Each person is emailed once, however often the job runs (`concern_notifications`); a failure
 * that may pass is retried by BullMQ for the people not yet told.
 */
@Injectable()
export class ImmediateConcernNotifier extends AuditNotifier {
  readonly topic = IMMEDIATE_CONCERN_TOPIC;

  async notify(job: OutboxJobData): Promise<NotifyOutcome> {
    const concern = await this.concernOf(job);
    const audit = await this.contexts.load(job);

    const recipients = new RecipientReasons<ImmediateConcernRole>(IMMEDIATE_CONCERN_ROLES);
    const partnershipPeople = await partnershipRoleHolders(this.dataSource, job.partnershipId, [
      'business-manager',
      'partnership-chair',
    ]);
    for (const member of partnershipPeople) {
      if (member.roles.includes('business-manager')) {
        recipients.add(member.personId, 'business-manager');
      }
      if (member.roles.includes('partnership-chair')) recipients.add(member.personId, 'chair');
    }
    for (const member of audit.instance.members) {
      if (member.role === 'panel-chair') recipients.add(member.personId, 'chair');
      if (
        member.role === 'agency-safeguarding-lead' &&
        concern.raisedByAgencyId !== null &&
        member.agencyId === concern.raisedByAgencyId
      ) {
        recipients.add(member.personId, 'agency-safeguarding-lead');
      }
    }

    return this.mailer.sendToEach({
      what: 'immediate concern raised',
      ids: { concernId: concern.id, instanceId: job.instanceId },
      recipients,
      ledger: NotificationLedger.forConcernRaised(this.dataSource, job.partnershipId, concern.id),
      render: ({ name, reason }) =>
        renderImmediateConcernEmail({
          recipientName: name,
          role: reason,
          reference: audit.reference,
          raisedOn: concern.raisedOn,
          auditUrl: audit.auditUrl,
        }),
    });
  }
}
