import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../access/access.decorators';
import { actingPartnershipId, AccessContext } from '../access/access-context';
import { inScope } from '../database/tenancy';
import { AgenciesService, AgencyView } from './agencies.service';
import { CreateAgencyDto } from './dto/create-agency.dto';

@ApiTags('people')
@Controller('api/partnerships/:partnershipId/agencies')
export class AgenciesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
  ) {}

  @Get()
  @Permission('people.read')
  list(@CurrentAccess() access: AccessContext): Promise<AgencyView[]> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.agencies.list(manager, actingPartnershipId(access)),
    );
  }

  @Post()
  @Permission('people.manage')
  create(
    @CurrentAccess() access: AccessContext,
    @Body() body: CreateAgencyDto,
  ): Promise<AgencyView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.agencies.create(manager, actingPartnershipId(access), body),
    );
  }
}
