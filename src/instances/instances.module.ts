import { Module } from '@nestjs/common';
import { InstanceController } from './instance.controller';
import { InstanceMembers } from './instance-members.service';
import { InstanceOverview } from './instance-overview.service';
import { MyTasksController } from './my-tasks.controller';
import { PartnershipInstancesController } from './partnership-instances.controller';

/**
 * The generic REST API over the workflow engine (the engine module is global): lists, one instance,
 * its timeline, workflow events, members, and my tasks; and `InstanceOverview`, the reads across a
 * partnership's instances that dashboards make. Feature modules follow its conventions
 * (`command-headers.ts`): `If-Match: "<version>"`, `Idempotency-Key`, `ETag`.
 */
@Module({
  controllers: [PartnershipInstancesController, InstanceController, MyTasksController],
  providers: [InstanceMembers, InstanceOverview],
  exports: [InstanceOverview],
})
export class InstancesModule {}
