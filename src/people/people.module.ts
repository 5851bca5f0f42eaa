import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { PartnershipAdminService } from './partnership-admin.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({
  controllers: [PeopleController, AgenciesController],
  providers: [PeopleService, AgenciesService, PartnershipAdminService],
  exports: [PeopleService, AgenciesService, PartnershipAdminService],
})
export class PeopleModule {}
