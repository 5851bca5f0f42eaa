import { Module } from '@nestjs/common';
import { StepDownConsumer } from './step-down/step-down.consumer';
import { StepDownService } from './step-down/step-down.service';

/**
 * The reviews module's side of the worker: starts the learning review that continues a review
 * stepped down. Imported once by `src/worker/worker.module.ts`, which provides the database, the
 * engine and configuration.
 */
@Module({
  providers: [StepDownService, StepDownConsumer],
  exports: [StepDownService],
})
export class ReviewsWorkerModule {}
