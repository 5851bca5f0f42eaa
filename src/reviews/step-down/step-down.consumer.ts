import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { outboxQueueName, type OutboxJobData } from '../../engine/queue-names';
import { createRedisConnection } from '../../queue/redis';
import { REVIEW_STEPPED_DOWN_TOPIC, StepDownService } from './step-down.service';

/** The worker's BullMQ consumer of `outbox.review-stepped-down`. */
@Injectable()
export class StepDownConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('StepDownConsumer');
  private worker: Worker<OutboxJobData> | null = null;
  private connection: IORedis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stepDown: StepDownService,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(this.config.redisUrl, 'worker');
    this.worker = new Worker<OutboxJobData>(
      outboxQueueName(REVIEW_STEPPED_DOWN_TOPIC),
      async (job) => this.stepDown.handle(job.data),
      { connection: this.connection, concurrency: 2 },
    );
    this.worker.on('failed', (job, error) => {
      this.logger.warn(
        { jobId: job?.id, attempts: job?.attemptsMade, err: error.name },
        'starting the learning review of a stepped-down review failed',
      );
    });
    this.worker.on('error', (error) => {
      this.logger.error({ err: error.name }, 'step-down consumer error');
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
    this.worker = null;
    this.connection = null;
  }
}
