import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { isIsoDate, type IsoDate } from '../../calendar';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { InstanceView } from '../../engine/engine.types';
import { SYSTEM } from '../../engine/engine.types';
import { InstanceReader } from '../../engine/instance-reader.service';
import type { OutboxJobData } from '../../engine/queue-names';
import {
  appLink,
  checkReferenceNumber,
  UnsafeEmailContentError,
  type AppLink,
  type ReferenceNumber,
} from '../../mail/templates';
import type { NotifyOutcome } from './notification-mailer';

/** Handles the jobs of one outbox topic (an audit workflow effect) in the worker. */
export interface OutboxNotifier {
  /** The outbox topic, e.g. `return-reopened` (queue `outbox.return-reopened`). */
  readonly topic: string;
  notify(job: OutboxJobData): Promise<NotifyOutcome>;
}

/** Every audit notifier the worker consumes outbox jobs for. */
export const AUDIT_OUTBOX_NOTIFIERS = Symbol('AUDIT_OUTBOX_NOTIFIERS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A payload id, or a job retrying cannot fix. Names the field, never the value. */
export function payloadUuid(job: OutboxJobData, field: string): string {
  const value = job.payload[field];
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new UnrecoverableError(`${job.topic} message without a valid ${field}`);
  }
  return value;
}

export function payloadDate(job: OutboxJobData, field: string): IsoDate {
  const value = job.payload[field];
  if (!isIsoDate(value))
    throw new UnrecoverableError(`${job.topic} message without a valid ${field}`);
  return value;
}

/** What every audit email about an outbox job shows: the audit's reference and its page. */
export interface AuditNoticeContext {
  instance: InstanceView;
  reference: ReferenceNumber;
  /** The audit's page, `/instances/<instanceId>`. */
  auditUrl: AppLink;
  /** The London date of the event that emitted the effect. */
  occurredOn: IsoDate;
}

/** Reads the audit and the event an outbox job is about. */
@Injectable()
export class AuditNoticeContexts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: InstanceReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(job: OutboxJobData): Promise<AuditNoticeContext> {
    if (!UUID.test(job.instanceId) || !UUID.test(job.eventId)) {
      throw new UnrecoverableError(`${job.topic} message without valid ids`);
    }
    const events: Array<{ occurred_on: string }> = await this.dataSource.query(
      `SELECT (occurred_at AT TIME ZONE 'Europe/London')::date::text AS occurred_on
         FROM workflow_events WHERE id = $1 AND instance_id = $2`,
      [job.eventId, job.instanceId],
    );
    const occurredOn = events[0]?.occurred_on;
    if (!isIsoDate(occurredOn)) throw new UnrecoverableError(`${job.topic} for an unknown event`);
    const instance = await this.reader.getInstance(SYSTEM, job.instanceId);
    let reference: ReferenceNumber;
    try {
      reference = checkReferenceNumber(instance.reference);
    } catch (error) {
      if (error instanceof UnsafeEmailContentError) throw new UnrecoverableError(error.message);
      throw error;
    }
    return {
      instance,
      reference,
      auditUrl: appLink(this.config.appUrl, `/instances/${job.instanceId}`),
      occurredOn,
    };
  }
}
