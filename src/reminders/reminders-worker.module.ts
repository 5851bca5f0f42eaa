import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MailSender } from '../mail/mail-sender';
import { REDIS } from '../queue/redis.module';
import { ReminderSystem } from './reminder-system';
import { DEFAULT_WORKER_OPTIONS, ReminderWorkers } from './worker/reminder-workers';

/** Starts the reminder consumers when the worker boots and stops them gracefully (SIGTERM). */
@Injectable()
class ReminderWorkersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(ReminderWorkers) private readonly workers: ReminderWorkers) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.workers.start();
  }

  /** Finishes the jobs in hand before Redis, the database and SMTP are closed. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.workers.close();
  }
}

/**
 * The worker process's reminder delivery: BullMQ consumers of the task outbox topics, reminder,
 * escalation and digest jobs and the reconcile sweep. Needs the engine's clock and calendar
 * (`EngineWorkerModule`), the database, Redis and mail modules.
 */
@Module({
  providers: [
    {
      provide: ReminderSystem,
      inject: [DataSource, REDIS, MailSender, Clock, BusinessCalendar, APP_CONFIG],
      useFactory: (
        dataSource: DataSource,
        redis: IORedis,
        mail: MailSender,
        clock: Clock,
        calendar: BusinessCalendar,
        config: AppConfig,
      ) =>
        new ReminderSystem({
          dataSource,
          redis,
          mail,
          clock,
          calendar,
          appUrl: config.appUrl,
          databaseUrl: config.databaseUrl,
        }),
    },
    {
      provide: ReminderWorkers,
      inject: [ReminderSystem, APP_CONFIG],
      useFactory: (system: ReminderSystem, config: AppConfig) =>
        new ReminderWorkers(system, { ...DEFAULT_WORKER_OPTIONS, redisUrl: config.redisUrl }),
    },
    ReminderWorkersLifecycle,
  ],
  exports: [ReminderSystem, ReminderWorkers],
})
export class RemindersWorkerModule {}
