import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { PeopleModule } from '../people/people.module';
import { AccessGuard } from './access.guard';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { RouteInventory } from './route-inventory';

/**
 * People, sign-in and need-to-know access: the global access guard, the access log, and the
 * people and auth modules it stands on. Global, so any module can record to the access log.
 */
@Global()
@Module({
  imports: [DiscoveryModule, AuthModule, PeopleModule],
  controllers: [AccessLogController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, AccessLogService, RouteInventory],
  exports: [AccessLogService, RouteInventory],
})
export class AccessModule {}
