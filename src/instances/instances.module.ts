import { Module } from '@nestjs/common';
import { InstanceController } from './instance.controller';
import { InstanceMembers } from './instance-members.service';
import { MyTasksController } from './my-tasks.controller';
import { PartnershipInstancesController } from './partnership-instances.controller';

/**
 * The generic REST API over the workflow engine (the engine module is global): lists, one instance,
 * its timeline, workflow events, members, and my tasks. Feature modules follow its conventions
 * (`command-headers.ts`): `If-Match: "<version>"`, `Idempotency-Key`, `ETag`.
 */
@Module({
  controllers: [PartnershipInstancesController, InstanceController, MyTasksController],
  providers: [InstanceMembers],
})
export class InstancesModule {}
