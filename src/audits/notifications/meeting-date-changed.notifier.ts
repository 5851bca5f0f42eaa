import { Injectable } from '@nestjs/common';
import type { OutboxJobData } from '../../engine/queue-names';
import { renderMeetingDateChangedEmail } from '../../mail/templates';
import { payloadDate } from './audit-outbox-job';
import { AuditNotifier } from './audit-notifier';
import { NotificationLedger } from './notification-ledger';
import type { NotifyOutcome } from './notification-mailer';
import { RecipientReasons } from './notification-recipients';

export const MEETING_DATE_CHANGED_TOPIC = 'meeting-date-changed';

/** Tells every member of an audit the new date of its multi-agency audit meeting. */
@Injectable()
export class MeetingDateChangedNotifier extends AuditNotifier {
  readonly topic = MEETING_DATE_CHANGED_TOPIC;

  async notify(job: OutboxJobData): Promise<NotifyOutcome> {
    const meetingOn = payloadDate(job, 'meetingOn');
    const audit = await this.contexts.load(job);
    const recipients = new RecipientReasons(['member'] as const);
    for (const member of audit.instance.members) recipients.add(member.personId, 'member');

    return this.mailer.sendToEach({
      what: 'audit meeting date changed',
      ids: { instanceId: job.instanceId, eventId: job.eventId },
      recipients,
      ledger: NotificationLedger.forAuditEvent(this.dataSource, job, this.topic),
      render: ({ name }) =>
        renderMeetingDateChangedEmail({
          recipientName: name,
          reference: audit.reference,
          meetingOn,
          auditUrl: audit.auditUrl,
        }),
    });
  }
}
