import { Module } from '@nestjs/common';
import { ImmediateConcernNotifier } from './concerns/immediate-concern.notifier';
import { AuditNoticeContexts, AUDIT_OUTBOX_NOTIFIERS } from './notifications/audit-outbox-job';
import { AuditOutboxConsumer } from './notifications/audit-outbox.consumer';
import { ConcernActionedNotifier } from './notifications/concern-actioned.notifier';
import { MeetingDateChangedNotifier } from './notifications/meeting-date-changed.notifier';
import { NotificationMailer } from './notifications/notification-mailer';
import { ReturnReopenedNotifier } from './notifications/return-reopened.notifier';

const NOTIFIERS = [
  ImmediateConcernNotifier,
  ConcernActionedNotifier,
  ReturnReopenedNotifier,
  MeetingDateChangedNotifier,
];

/**
 * The audits module's side of the worker: emails the people concerned when the audit workflow
 * says so (an immediate concern raised or actioned, a return reopened, the meeting moved). One
 * consumer per outbox topic hands each job to its notifier. Imported once by
 * `src/worker/worker.module.ts`, which provides the database, the engine, mail and configuration.
 */
@Module({
  providers: [
    AuditNoticeContexts,
    NotificationMailer,
    ...NOTIFIERS,
    {
      provide: AUDIT_OUTBOX_NOTIFIERS,
      inject: NOTIFIERS,
      useFactory: (...notifiers: InstanceType<(typeof NOTIFIERS)[number]>[]) => notifiers,
    },
    AuditOutboxConsumer,
  ],
})
export class AuditsWorkerModule {}
