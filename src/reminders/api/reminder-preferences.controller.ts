import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { Clock } from '../../common/clock';
import { inScope } from '../../database/tenancy';
import { ReminderPreferencesDto } from './dto/reminder-preferences.dto';
import {
  ReminderPreferencesService,
  type ReminderPreferencesView,
} from './reminder-preferences.service';

@ApiTags('reminders')
@Controller('api/me/reminder-preferences')
export class ReminderPreferencesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: ReminderPreferencesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Permission('own-reminder-preferences')
  @ApiOkResponse({ type: ReminderPreferencesDto })
  get(@CurrentAccess() access: AccessContext): Promise<ReminderPreferencesView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.preferences.get(manager, access.principal.personId),
    );
  }

  /** Separate reminders, or one daily digest at the send hour on working days. */
  @Put()
  @Permission('own-reminder-preferences')
  @ApiOkResponse({ type: ReminderPreferencesDto })
  set(
    @CurrentAccess() access: AccessContext,
    @Body() body: ReminderPreferencesDto,
  ): Promise<ReminderPreferencesView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.preferences.set(manager, access.principal.personId, body.delivery, this.clock.now()),
    );
  }
}
