import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../access/access-context';
import { Clock } from '../../common/clock';
import { inScope } from '../../database/tenancy';
import { ReminderScheduler } from '../delivery/reminder-scheduler';
import { FailedEmailViewDto } from './dto/failed-email.view';
import { FailedEmailsService, type FailedEmailView } from './failed-emails.service';

@ApiTags('reminders')
@Controller('api/partnerships/:partnershipId/failed-emails')
export class FailedEmailsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly failedEmails: FailedEmailsService,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
  ) {}

  /** Reminder emails that could not be delivered (permanently), newest first. */
  @Get()
  @Permission('failed-emails.manage')
  @ApiOkResponse({ type: [FailedEmailViewDto] })
  list(@CurrentAccess() access: AccessContext): Promise<FailedEmailView[]> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.failedEmails.list(manager, actingPartnershipId(access)),
    );
  }

  /** Sends a failed reminder again now (after the address was corrected, say). */
  @Post(':reminderId/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @Permission('failed-emails.manage')
  @ApiAcceptedResponse({ description: 'Planned again; it goes out within the sending window' })
  async retry(
    @CurrentAccess() access: AccessContext,
    @Param('reminderId', new ParseUUIDPipe({ version: '4' })) reminderId: string,
  ): Promise<{ reminderId: string; status: 'planned' }> {
    const now = this.clock.now();
    const scheduled = await inScope(this.dataSource, access.scope, (manager) =>
      this.failedEmails.retry(manager, actingPartnershipId(access), reminderId, now),
    );
    // If Redis is unreachable the reconcile sweep still finds the planned reminder.
    await this.scheduler.ensure(scheduled).catch(() => undefined);
    return { reminderId, status: 'planned' };
  }
}
