import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import { REDIS } from '../queue/redis.module';
import { QueueDashboard } from './admin/queue-dashboard';
import { FailedEmailsController } from './api/failed-emails.controller';
import { FailedEmailsService } from './api/failed-emails.service';
import { ReminderPreferencesController } from './api/reminder-preferences.controller';
import { ReminderPreferencesService } from './api/reminder-preferences.service';
import { ReminderSettingsController } from './api/reminder-settings.controller';
import { ReminderSettingsService } from './api/reminder-settings.service';
import { TaskRemindersController } from './api/task-reminders.controller';
import { TaskRemindersService } from './api/task-reminders.service';
import { ReminderScheduler } from './delivery/reminder-scheduler';
import { ReminderPlanner } from './planning/reminder-planner';

/**
 * The api process's side of reminders: partnership settings, personal preferences, a task's
 * exemption, failed emails and their retry, and the queue dashboard (Bull Board) at /admin/queues. Sending happens in the
 * worker (`RemindersWorkerModule`).
 */
@Module({
  controllers: [
    FailedEmailsController,
    ReminderSettingsController,
    ReminderPreferencesController,
    TaskRemindersController,
  ],
  providers: [
    FailedEmailsService,
    ReminderSettingsService,
    ReminderPreferencesService,
    TaskRemindersService,
    QueueDashboard,
    {
      provide: ReminderPlanner,
      inject: [DataSource, BusinessCalendar, Clock],
      useFactory: (dataSource: DataSource, calendar: BusinessCalendar, clock: Clock) =>
        new ReminderPlanner(dataSource, calendar, clock),
    },
    {
      provide: ReminderScheduler,
      inject: [REDIS, Clock],
      useFactory: (redis: IORedis, clock: Clock) => new ReminderScheduler(redis, clock),
    },
  ],
  // For the administration pages, which show settings and failed emails and send them again.
  exports: [ReminderSettingsService, FailedEmailsService, ReminderScheduler],
})
export class RemindersModule implements OnApplicationShutdown {
  constructor(@Inject(ReminderScheduler) private readonly scheduler: ReminderScheduler) {}

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.close();
  }
}
