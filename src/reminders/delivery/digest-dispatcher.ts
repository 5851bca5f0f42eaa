import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { BusinessCalendar, IsoDate } from '../../calendar';
import type { Clock } from '../../common/clock';
import {
  appLink,
  checkPersonName,
  checkReferenceNumber,
  checkStepTitle,
  renderDigestEmail,
  taskLink,
  UnsafeEmailContentError,
  type DigestEmailItem,
} from '../../mail/templates';
import {
  buildDigest,
  DEFAULT_REMINDER_SETTINGS,
  DIGEST_GROUPS,
  digestKey,
  digestSendAt,
  isInSendingWindow,
  type DigestEntry,
} from '../policy';
import type { DeliveryResult, EmailDelivery } from './email-delivery';

export type DigestOutcome =
  | { outcome: 'not-wanted' }
  | { outcome: 'not-a-working-day' }
  /** Its time has not come: look again at `at`. */
  | { outcome: 'later'; at: Date }
  /** The day's sending window passed without it (the worker was down): tomorrow's covers it. */
  | { outcome: 'missed' }
  | { outcome: 'nothing-due' }
  | { outcome: 'unsafe-content' }
  | { outcome: 'delivery'; result: DeliveryResult };

interface DigestTask extends DigestEntry {
  reference: string;
  stepTitle: string;
}

/**
 * Each working day at the send hour, one email per person who chose the daily digest instead of
 * separate reminders: their open tasks, grouped overdue / due today / this week / later. Skipped
 * when nothing is overdue or due within the week. One per person per day (`digestKey` in the
 * email log), whichever worker or sweep gets there.
 */
export class DigestDispatcher {
  private readonly logger = new Logger('DigestDispatcher');

  constructor(
    private readonly dataSource: DataSource,
    private readonly email: EmailDelivery,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly appUrl: string,
  ) {}

  /** The moment the person's digest for `date` goes out, or null when there is none that day. */
  async sendAtFor(personId: string, date: IsoDate): Promise<Date | null> {
    return digestSendAt(date, this.calendar, { sendAtHour: await this.sendHourOf(personId) });
  }

  /** The earliest send hour among the person's partnerships. */
  private async sendHourOf(personId: string): Promise<number> {
    const rows: Array<{ hour: number | null }> = await this.dataSource.query(
      `SELECT min((coalesce(s.overrides->>'sendAtHour', $2::text))::int) AS hour
         FROM partnership_members pm
         LEFT JOIN reminder_settings s ON s.partnership_id = pm.partnership_id
        WHERE pm.person_id = $1`,
      [personId, String(DEFAULT_REMINDER_SETTINGS.sendAtHour)],
    );
    return rows[0]?.hour ?? DEFAULT_REMINDER_SETTINGS.sendAtHour;
  }

  async sendDigest(personId: string, date: IsoDate): Promise<DigestOutcome> {
    const now = this.clock.now();
    const people: Array<{ email: string; display_name: string }> = await this.dataSource.query(
      `SELECT p.email, p.display_name FROM people p
         JOIN reminder_preferences rp ON rp.person_id = p.id AND rp.delivery = 'daily-digest'
        WHERE p.id = $1 AND p.deactivated_at IS NULL`,
      [personId],
    );
    const person = people[0];
    if (!person) return { outcome: 'not-wanted' };
    const sendAtHour = await this.sendHourOf(personId);
    const sendAt = digestSendAt(date, this.calendar, { sendAtHour });
    if (!sendAt) return { outcome: 'not-a-working-day' };
    if (now < sendAt) return { outcome: 'later', at: sendAt };
    // Only on its own day, before the sending window closes: never a digest at night.
    if (
      this.calendar.londonDateOf(now) !== date ||
      !isInSendingWindow(now, this.calendar, { sendAtHour })
    ) {
      return { outcome: 'missed' };
    }

    const tasks = await this.tasksOf(personId);
    const digest = buildDigest(tasks, date, this.calendar);
    const messageKey = digestKey(personId, date);
    if (!digest.worthSending) {
      await this.email.recordSkipped(
        { messageKey, partnershipId: null, reminderId: null, personId },
        'digest',
      );
      return { outcome: 'nothing-due' };
    }
    const item = (task: (typeof digest.groups.overdue)[number]): DigestEmailItem => ({
      stepTitle: checkStepTitle(task.stepTitle),
      reference: checkReferenceNumber(task.reference),
      dueOn: task.dueOn,
      timing: task.timing,
      taskUrl: taskLink(this.appUrl, task.taskId),
    });
    let email;
    try {
      email = renderDigestEmail({
        recipientName: checkPersonName(person.display_name, 'recipientName'),
        date,
        groups: Object.fromEntries(
          DIGEST_GROUPS.map((group) => [group, digest.groups[group].map(item)]),
        ) as Record<(typeof DIGEST_GROUPS)[number], DigestEmailItem[]>,
        tasksUrl: appLink(this.appUrl, '/tasks'),
      });
    } catch (error) {
      if (!(error instanceof UnsafeEmailContentError)) throw error;
      this.logger.warn({ field: error.field }, 'digest refused by its template');
      return { outcome: 'unsafe-content' };
    }
    const result = await this.email.deliver({
      messageKey,
      partnershipId: null,
      reminderId: null,
      personId,
      to: { address: person.email },
      email,
    });
    return { outcome: 'delivery', result };
  }

  /**
   * The open, dated, reminded tasks the person holds, by the same rule as the reminders' recipients
   * (an agency's task counts for its safeguarding lead only when nobody else represents the agency).
   */
  private async tasksOf(personId: string): Promise<DigestTask[]> {
    const rows: Array<{ id: string; due_on: string; reference: string; title: string }> =
      await this.dataSource.query(
        `SELECT t.id, t.due_on::text AS due_on, i.reference, t.title
           FROM tasks t JOIN workflow_instances i ON i.id = t.instance_id
          WHERE t.status = 'open' AND t.remind AND t.due_on IS NOT NULL AND (
            (t.assignee_kind = 'person' AND t.assignee_person_id = $1)
            OR (t.assignee_kind = 'instance-role' AND EXISTS (SELECT 1 FROM instance_members m
                 WHERE m.instance_id = t.instance_id AND m.person_id = $1 AND m.role = t.assignee_role))
            OR (t.assignee_kind = 'partnership-role' AND EXISTS (SELECT 1 FROM partnership_members pm
                 WHERE pm.partnership_id = t.partnership_id AND pm.person_id = $1
                   AND t.assignee_role = ANY (pm.roles)))
            OR (t.assignee_kind = 'each-agency' AND EXISTS (SELECT 1 FROM instance_members m
                 WHERE m.instance_id = t.instance_id AND m.person_id = $1
                   AND m.agency_id = t.assignee_agency_id
                   AND (m.role <> 'agency-safeguarding-lead' OR NOT EXISTS (
                     SELECT 1 FROM instance_members o JOIN people op ON op.id = o.person_id
                      WHERE o.instance_id = t.instance_id AND o.agency_id = t.assignee_agency_id
                        AND o.role <> 'agency-safeguarding-lead' AND op.deactivated_at IS NULL)))))
          ORDER BY t.due_on, t.id
          LIMIT 500`,
        [personId],
      );
    return rows.map((row) => ({
      taskId: row.id,
      dueOn: row.due_on,
      reference: row.reference,
      stepTitle: row.title,
    }));
  }
}
