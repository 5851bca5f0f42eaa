import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { Clock } from '../../../common/clock';
import { inScope } from '../../../database/tenancy';
import {
  FailedEmailsService,
  type FailedEmailView,
} from '../../../reminders/api/failed-emails.service';
import { ReminderScheduler } from '../../../reminders/delivery/reminder-scheduler';
import { RemindersErrorCode, RemindersException } from '../../../reminders/reminders.exception';
import { seeOther } from '../admin-forms';
import { adminPath } from '../admin-pages';

const KIND_LABELS: Record<FailedEmailView['kind'], string> = {
  before: 'Reminder before the due date',
  due: 'Reminder on the due date',
  overdue: 'Overdue reminder',
  escalation: 'Escalation',
  digest: 'Daily digest',
};

const DONE = {
  sent: 'The email will be sent again within a few minutes',
  'not-failed': 'That email had already been sent again, so nothing was changed',
} as const;

/**
 * Reminder, escalation and digest emails that could not be delivered: which task, which audit or
 * review, when, and what the mail server said. Never an email address. A failed reminder can be
 * sent again (after the person's address is corrected, say).
 */
@ApiExcludeController()
@Controller('partnerships/:partnershipId/admin/failed-emails')
export class FailedEmailsPageController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly failedEmails: FailedEmailsService,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Permission('failed-emails.manage')
  @Render('admin/failed-emails')
  async list(
    @CurrentAccess() access: AccessContext,
    @Query('done') done?: string,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const failed = await inScope(this.dataSource, access.scope, (manager) =>
      this.failedEmails.list(manager, partnershipId),
    );
    return {
      basePath: adminPath(partnershipId),
      failedPath: adminPath(partnershipId, 'failed-emails'),
      emails: failed.map((email) => ({
        ...email,
        failedAt: new Date(email.failedAt),
        kindLabel: KIND_LABELS[email.kind],
        recipientNames: email.recipients.map((recipient) => recipient.displayName).join(', '),
      })),
      banner: DONE[done as keyof typeof DONE],
    };
  }

  @Post(':reminderId/send-again')
  @Permission('failed-emails.manage')
  async sendAgain(
    @CurrentAccess() access: AccessContext,
    @Param('reminderId', new ParseUUIDPipe()) reminderId: string,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    const now = this.clock.now();
    try {
      const scheduled = await inScope(this.dataSource, access.scope, (manager) =>
        this.failedEmails.retry(manager, partnershipId, reminderId, now),
      );
      // If Redis is unreachable the reconcile sweep still finds the planned reminder.
      await this.scheduler.ensure(scheduled).catch(() => undefined);
    } catch (error) {
      if (error instanceof RemindersException && error.code === RemindersErrorCode.NotFailed) {
        seeOther(response, adminPath(partnershipId, 'failed-emails'), { done: 'not-failed' });
        return;
      }
      throw error;
    }
    seeOther(response, adminPath(partnershipId, 'failed-emails'), { done: 'sent' });
  }
}
