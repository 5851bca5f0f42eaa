import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { Clock } from '../../common/clock';
import { entityTag, requireIfMatch } from '../../common/preconditions';
import { inScope } from '../../database/tenancy';
import { ReminderSettingsDto, ReminderSettingsViewDto } from './dto/reminder-settings.dto';
import { ReminderSettingsService, type ReminderSettingsView } from './reminder-settings.service';

@ApiTags('reminders')
@Controller('api/partnerships/:partnershipId/reminder-settings')
export class ReminderSettingsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: ReminderSettingsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Permission('reminder-settings.manage')
  @ApiOkResponse({ type: ReminderSettingsViewDto })
  async get(
    @CurrentAccess() access: AccessContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReminderSettingsView> {
    const view = await inScope(this.dataSource, access.scope, (manager) =>
      this.settings.get(manager, actingPartnershipId(access)),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  /** Replaces the partnership's reminder numbers; a field left out goes back to its default. */
  @Put()
  @Permission('reminder-settings.manage')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read, e.g. "3"' })
  @ApiOkResponse({ type: ReminderSettingsViewDto })
  async replace(
    @CurrentAccess() access: AccessContext,
    @Body() body: ReminderSettingsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReminderSettingsView> {
    const expected = requireIfMatch(ifMatch);
    const view = await inScope(this.dataSource, access.scope, (manager) =>
      this.settings.replace(
        manager,
        actingPartnershipId(access),
        access.principal.personId,
        { ...body },
        expected,
        this.clock.now(),
      ),
    );
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }
}
