import { Module } from '@nestjs/common';
import { ImmediateConcernConsumer } from './concerns/immediate-concern.consumer';
import { ImmediateConcernNotifier } from './concerns/immediate-concern.notifier';

/**
 * The audits module's side of the worker: emails the business manager and the chairs at once when
 * an auditor raises an immediate concern. Imported once by `src/worker/worker.module.ts`, which
 * provides the database, the engine, mail and configuration.
 */
@Module({
  providers: [ImmediateConcernNotifier, ImmediateConcernConsumer],
})
export class AuditsWorkerModule {}
