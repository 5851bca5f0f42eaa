import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inScope } from '../database/tenancy';
import { CurrentAccess, Permission } from './access.decorators';
import { actingPartnershipId, AccessContext } from './access-context';
import { AccessLogService, AccessLogView } from './access-log.service';
import { AccessLogQueryDto } from './dto/access-log-query.dto';

@ApiTags('access log')
@Controller('api/partnerships/:partnershipId/access-log')
export class AccessLogController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get()
  @Permission('access-log.read')
  list(
    @CurrentAccess() access: AccessContext,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogView[]> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.accessLog.list(manager, actingPartnershipId(access), {
        before: query.before,
        limit: query.limit ?? 100,
      }),
    );
  }
}
