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
import { AUDIT_OUTBOX_NOTIFIERS, type OutboxNotifier } from './audit-outbox-job';

/**
 * The worker's BullMQ consumers of the audit workflow's outbox topics: one worker per topic
 * (`outbox.<topic>`), each on its own Redis connection, handing jobs to that topic's notifier.
 * Refuses to start when two notifiers claim one topic.
 */
@Injectable()
export class AuditOutboxConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditOutboxConsumer');
  private readonly workers: Worker<OutboxJobData>[] = [];
  private readonly connections: IORedis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_OUTBOX_NOTIFIERS) private readonly notifiers: readonly OutboxNotifier[],
  ) {
    const topics = notifiers.map((notifier) => notifier.topic);
    const repeated = topics.filter((topic, index) => topics.indexOf(topic) !== index);
    if (repeated.length > 0) {
      throw new Error(`Audit outbox topics with two notifiers: ${repeated.join(', ')}`);
    }
  }

  onApplicationBootstrap(): void {
    for (const notifier of this.notifiers) {
      const connection = createRedisConnection(this.config.redisUrl, 'worker');
      this.connections.push(connection);
      const queue = outboxQueueName(notifier.topic);
      const worker = new Worker<OutboxJobData>(queue, async (job) => notifier.notify(job.data), {
        connection,
        concurrency: 4,
      });
      worker.on('failed', (job, error) => {
        this.logger.warn(
          { queue, jobId: job?.id, attempts: job?.attemptsMade, err: error.name },
          'audit notification failed',
        );
      });
      worker.on('error', (error) => {
        this.logger.error({ queue, err: error.name }, 'audit outbox consumer error');
      });
      this.workers.push(worker);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(
      this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())),
    );
    this.workers.length = 0;
    this.connections.length = 0;
  }
}
