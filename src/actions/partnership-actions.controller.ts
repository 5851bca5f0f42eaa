import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../access/access-context';
import { grants } from '../access/decide';
import { PERMISSION_TABLE } from '../access/permission-table';
import { rolesIn } from '../access/principal';
import { inScope } from '../database/tenancy';
import { ActionListService } from './action-list.service';
import { ActionPageView } from './dto/action.view';
import { ListActionsQuery } from './dto/list-actions.query';

@ApiTags('recommendations and actions')
@Controller('api/partnerships/:partnershipId/actions')
export class PartnershipActionsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly list: ActionListService,
  ) {}

  @Get()
  @Permission('actions.list')
  @ApiOperation({
    summary: 'Open actions across the partnership’s audits and reviews',
    description:
      'Everything for those who read the partnership’s reports; otherwise the actions of the audits and reviews you are a member of. Without status, every action not yet complete. Soonest due first.',
  })
  @ApiOkResponse({ type: ActionPageView })
  actions(
    @CurrentAccess() access: AccessContext,
    @Query() query: ListActionsQuery,
  ): Promise<ActionPageView> {
    const partnershipId = actingPartnershipId(access);
    const partnershipRoles = rolesIn(access.principal, partnershipId) ?? [];
    return inScope(this.dataSource, access.scope, (manager) =>
      this.list.list(
        manager,
        {
          partnershipId,
          personId: access.principal.personId,
          readsWholePartnership: grants(PERMISSION_TABLE['reports.read'], {
            partnershipRoles,
            instanceRoles: [],
          }),
        },
        query,
      ),
    );
  }
}
