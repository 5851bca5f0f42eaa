import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuditsWorkerModule } from '../audits/audits-worker.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { EngineWorkerModule } from '../engine/worker/engine-worker.module';
import { LoggingModule } from '../logging/logging.module';
import { MailModule } from '../mail/mail.module';
import { REDIS, RedisModule } from '../queue/redis.module';
import { RemindersWorkerModule } from '../reminders/reminders-worker.module';
import { ReviewsWorkerModule } from '../reviews/reviews-worker.module';

@Injectable()
class WorkerReadiness implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    this.logger.log('worker ready');
  }
}

/** The worker process: BullMQ workers (outbox relay, reminders, sweeps) register here. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    MailModule,
    EngineWorkerModule.forRoot(),
    AuditsWorkerModule,
    ReviewsWorkerModule,
    RemindersWorkerModule,
  ],
  providers: [WorkerReadiness],
})
export class WorkerModule {}
