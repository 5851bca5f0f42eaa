import { Module } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { ActionsModule } from './actions/actions.module';
import { AuditsModule } from './audits/audits.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './health/health.module';
import { InstancesModule } from './instances/instances.module';
import { LoggingModule } from './logging/logging.module';
import { MailModule } from './mail/mail.module';
import { RedisModule } from './queue/redis.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReviewsModule } from './reviews/reviews.module';
import { WebModule } from './web/web.module';

/** The HTTP process: web pages and the REST API. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    EngineModule.forRoot(),
    MailModule,
    HealthModule,
    WebModule,
    AccessModule,
    ActionsModule,
    AuditsModule,
    InstancesModule,
    ReviewsModule,
    RemindersModule,
  ],
})
export class AppModule {}
