import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import type { IsoDate } from '../../calendar';
import type { OutboxJobData } from '../../engine/queue-names';
import { AuditNoticeContexts, payloadUuid, type OutboxNotifier } from './audit-outbox-job';
import { NotificationMailer, type NotifyOutcome } from './notification-mailer';

/** What the notifiers may know of an immediate concern: who raised it and when, never its text. */
export interface ConcernFacts {
  id: string;
  raisedOn: IsoDate;
  raisedByPersonId: string | null;
  raisedByAgencyId: string | null;
  /** The London date what was done was recorded, once it was. */
  actionedOn: IsoDate | null;
}

/**
 * The worker side of one audit workflow effect: reads what the job is about, decides who to tell
 * and hands the round to the mailer. Subclasses say whom and what.
 */
@Injectable()
export abstract class AuditNotifier implements OutboxNotifier {
  abstract readonly topic: string;

  constructor(
    @InjectDataSource() protected readonly dataSource: DataSource,
    protected readonly contexts: AuditNoticeContexts,
    protected readonly mailer: NotificationMailer,
  ) {}

  abstract notify(job: OutboxJobData): Promise<NotifyOutcome>;

  /** The concern named by the job's `concernId`, in the job's audit. */
  protected async concernOf(job: OutboxJobData): Promise<ConcernFacts> {
    const concernId = payloadUuid(job, 'concernId');
    const rows: Array<{
      raised_on: IsoDate;
      raised_by_person_id: string | null;
      raised_by_agency_id: string | null;
      actioned_on: IsoDate | null;
    }> = await this.dataSource.query(
      `SELECT raised_on::text AS raised_on, raised_by_person_id, raised_by_agency_id,
              (actioned_at AT TIME ZONE 'Europe/London')::date::text AS actioned_on
         FROM immediate_concerns WHERE id = $1 AND instance_id = $2`,
      [concernId, job.instanceId],
    );
    const row = rows[0];
    if (!row) throw new UnrecoverableError(`${job.topic} for an unknown concern`);
    return {
      id: concernId,
      raisedOn: row.raised_on,
      raisedByPersonId: row.raised_by_person_id,
      raisedByAgencyId: row.raised_by_agency_id,
      actionedOn: row.actioned_on,
    };
  }
}
