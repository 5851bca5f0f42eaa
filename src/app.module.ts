import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MailModule } from './mail/mail.module';
import { RedisModule } from './queue/redis.module';

/** The HTTP process: web pages and the REST API. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, MailModule, HealthModule],
})
export class AppModule {}
