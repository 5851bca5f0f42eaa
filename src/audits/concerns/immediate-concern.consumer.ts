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
import { IMMEDIATE_CONCERN_TOPIC, ImmediateConcernNotifier } from './immediate-concern.notifier';

/** The worker's BullMQ consumer of `outbox.immediate-concern-raised`. */
@Injectable()
export class ImmediateConcernConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ImmediateConcernConsumer');
  private worker: Worker<OutboxJobData> | null = null;
  private connection: IORedis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifier: ImmediateConcernNotifier,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(this.config.redisUrl, 'worker');
    this.worker = new Worker<OutboxJobData>(
      outboxQueueName(IMMEDIATE_CONCERN_TOPIC),
      async (job) => this.notifier.notify(job.data),
      { connection: this.connection, concurrency: 4 },
    );
    this.worker.on('failed', (job, error) => {
      this.logger.warn(
        { jobId: job?.id, attempts: job?.attemptsMade, err: error.name },
        'immediate concern notification failed',
      );
    });
    this.worker.on('error', (error) => {
      this.logger.error({ err: error.name }, 'immediate concern consumer error');
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
    this.worker = null;
    this.connection = null;
  }
}
