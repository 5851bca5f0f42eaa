import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { SYSTEM } from '../../engine/engine.types';
import { InstanceReader } from '../../engine/instance-reader.service';
import type { OutboxJobData } from '../../engine/queue-names';
import { MailDeliveryError, MailSender } from '../../mail/mail-sender';
import {
  appLink,
  checkPersonName,
  checkReferenceNumber,
  renderImmediateConcernEmail,
  UnsafeEmailContentError,
  type ImmediateConcernRole,
} from '../../mail/templates';

export const IMMEDIATE_CONCERN_TOPIC = 'immediate-concern-raised';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A person with several reasons is told once, for the first of these. */
const ROLE_ORDER: readonly ImmediateConcernRole[] = [
  'business-manager',
  'chair',
  'agency-safeguarding-lead',
];

export interface NotifyOutcome {
  sent: number;
  failed: number;
  alreadyTold: number;
}

/**
 * Emails everyone who must hear of an immediate concern at once: the partnership's business
 * managers and chair, the audit's chair, and the raising agency's safeguarding lead on the audit.
 * Each person is emailed once, however often the job runs (`concern_notifications`); a failure
 * that may pass is retried by BullMQ for the people not yet told.
 */
@Injectable()
export class ImmediateConcernNotifier {
  private readonly logger = new Logger('ImmediateConcernNotifier');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: InstanceReader,
    private readonly mail: MailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async notify(job: OutboxJobData): Promise<NotifyOutcome> {
    const concernId = job.payload.concernId;
    if (typeof concernId !== 'string' || !UUID.test(concernId)) {
      throw new UnrecoverableError('immediate-concern-raised message without a concern id');
    }
    const concerns: Array<{ raised_on: string; raised_by_agency_id: string | null }> =
      await this.dataSource.query(
        `SELECT raised_on::text AS raised_on, raised_by_agency_id FROM immediate_concerns
          WHERE id = $1 AND instance_id = $2`,
        [concernId, job.instanceId],
      );
    const concern = concerns[0];
    if (!concern) throw new UnrecoverableError('immediate-concern-raised for an unknown concern');
    const instance = await this.reader.getInstance(SYSTEM, job.instanceId);

    const roles = new Map<string, ImmediateConcernRole>();
    const add = (personId: string, role: ImmediateConcernRole): void => {
      const current = roles.get(personId);
      if (!current || ROLE_ORDER.indexOf(role) < ROLE_ORDER.indexOf(current)) {
        roles.set(personId, role);
      }
    };
    const partnershipPeople: Array<{ person_id: string; roles: string[] }> =
      await this.dataSource.query(
        `SELECT person_id, roles FROM partnership_members
          WHERE partnership_id = $1 AND roles && ARRAY['business-manager', 'partnership-chair']::text[]`,
        [job.partnershipId],
      );
    for (const member of partnershipPeople) {
      if (member.roles.includes('business-manager')) add(member.person_id, 'business-manager');
      if (member.roles.includes('partnership-chair')) add(member.person_id, 'chair');
    }
    for (const member of instance.members) {
      if (member.role === 'panel-chair') add(member.personId, 'chair');
      if (
        member.role === 'agency-safeguarding-lead' &&
        concern.raised_by_agency_id !== null &&
        member.agencyId === concern.raised_by_agency_id
      ) {
        add(member.personId, 'agency-safeguarding-lead');
      }
    }

    const people: Array<{ id: string; email: string; display_name: string }> =
      await this.dataSource.query(
        `SELECT p.id, p.email, p.display_name FROM people p
          WHERE p.id = ANY($1::uuid[]) AND p.deactivated_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM concern_notifications n
                             WHERE n.concern_id = $2 AND n.person_id = p.id)
          ORDER BY p.id`,
        [[...roles.keys()], concernId],
      );
    const outcome: NotifyOutcome = { sent: 0, failed: 0, alreadyTold: roles.size - people.length };
    const concernUrl = appLink(
      this.config.appUrl,
      `/audits/${job.instanceId}/concerns/${concernId}`,
    );
    let retry: MailDeliveryError | null = null;
    for (const person of people) {
      const role = roles.get(person.id) ?? 'chair';
      try {
        const receipt = await this.mail.send(
          { address: person.email, name: checkPersonName(person.display_name) },
          renderImmediateConcernEmail({
            recipientName: checkPersonName(person.display_name),
            role,
            reference: checkReferenceNumber(instance.reference),
            raisedOn: concern.raised_on,
            concernUrl,
          }),
          { messageKey: `immediate-concern:${concernId}:${person.id}` },
        );
        await this.record(job.partnershipId, concernId, person.id, 'sent', null, receipt.messageId);
        outcome.sent++;
      } catch (error) {
        if (error instanceof MailDeliveryError && !error.permanent) {
          retry = error;
          continue;
        }
        const code =
          error instanceof MailDeliveryError
            ? error.code
            : error instanceof UnsafeEmailContentError
              ? 'unsafe-content'
              : null;
        if (code === null) throw error;
        await this.record(job.partnershipId, concernId, person.id, 'failed', code, null);
        outcome.failed++;
      }
    }
    this.logger.log(
      { concernId, instanceId: job.instanceId, ...outcome, retrying: retry !== null },
      'immediate concern notified',
    );
    if (retry) throw retry;
    return outcome;
  }

  private async record(
    partnershipId: string,
    concernId: string,
    personId: string,
    status: 'sent' | 'failed',
    failureCode: string | null,
    messageId: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO concern_notifications (partnership_id, concern_id, person_id, status, failure_code,
         message_id, attempted_at) VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (concern_id, person_id) DO NOTHING`,
      [partnershipId, concernId, personId, status, failureCode, messageId],
    );
  }
}
