import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../access/access.decorators';
import { actingPartnershipId, AccessContext } from '../access/access-context';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import { InstanceReader } from '../engine/instance-reader.service';
import { ApiRefusals } from './api-responses';
import { InstanceCountsDto, InstancePageDto } from './dto/instance-responses.dto';
import { ListInstancesQueryDto } from './dto/list-instances-query.dto';

/** A partnership's audits and reviews: those the caller may see, and counts for reports. */
@ApiTags('instances')
@Controller('api/partnerships/:partnershipId')
export class PartnershipInstancesController {
  constructor(
    private readonly reader: InstanceReader,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  @Get('instances')
  @Permission('instances.list')
  @ApiOperation({
    summary: 'List the audits and reviews you may see',
    description:
      'Those you are a member of, or all of the partnership’s when your role oversees them (business manager, business officer, partnership chair, lead safeguarding partner). Most recently changed first.',
  })
  @ApiOkResponse({ type: InstancePageDto })
  @ApiRefusals()
  async list(
    @CurrentAccess() access: AccessContext,
    @Query() query: ListInstancesQueryDto,
  ): Promise<InstancePageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const page = await this.reader.pageInstances(
      { personId: access.principal.personId },
      {
        partnershipId: actingPartnershipId(access),
        definitionKey: query.definition,
        status: query.status,
        stage: query.stage,
        overdue:
          query.overdue === undefined ? undefined : { asOf: this.today(), overdue: query.overdue },
        limit,
        offset,
      },
    );
    return { ...page, limit, offset };
  }

  @Get('instance-counts')
  @Permission('reports.read')
  @ApiOperation({
    summary: 'Count the partnership’s audits and reviews by workflow, stage and status',
    description:
      'Every one of the partnership’s, with how many are overdue. Counts only: no case details.',
  })
  @ApiOkResponse({ type: InstanceCountsDto })
  @ApiRefusals(403)
  async counts(@CurrentAccess() access: AccessContext): Promise<InstanceCountsDto> {
    const asOf = this.today();
    const counts = await this.reader.countInstances(
      { personId: access.principal.personId },
      actingPartnershipId(access),
      asOf,
    );
    return { asOf, counts };
  }

  private today(): string {
    return this.calendar.todayInLondon(this.clock.now());
  }
}
