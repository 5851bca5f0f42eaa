import { Body, Controller, Get, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { Clock } from '../../../common/clock';
import { inScope } from '../../../database/tenancy';
import {
  ReminderSettingsService,
  type ReminderSettingsView,
} from '../../../reminders/api/reminder-settings.service';
import { RemindersErrorCode, RemindersException } from '../../../reminders/reminders.exception';
import { FormErrors, formView, type FormView } from '../../forms/form-errors';
import { seeOther, type FormBody } from '../admin-forms';
import { adminPath } from '../admin-pages';
import {
  describeSettings,
  hourInWords,
  readReminderSettingsForm,
  reminderSettingsValues,
  SEND_HOURS,
} from './reminder-settings-form';

const VIEW = 'admin/reminder-settings';

export const STALE_SETTINGS_MESSAGE =
  'Someone else changed the reminder settings while you were editing them. Check the current settings below, then save your changes again';

/**
 * The partnership's reminder numbers, changed with the version the form was read at (If-Match in
 * the API): when someone saved in between, the page says so, shows what they saved and keeps what
 * this person typed.
 */
@ApiExcludeController()
@Controller('partnerships/:partnershipId/admin/reminder-settings')
export class ReminderSettingsPageController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: ReminderSettingsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Permission('reminder-settings.manage')
  @Render(VIEW)
  async show(
    @CurrentAccess() access: AccessContext,
    @Query('done') done?: string,
  ): Promise<object> {
    const current = await this.current(access);
    return {
      ...this.page(access, formView(reminderSettingsValues(current.settings, current.version))),
      banner: done === 'saved' ? 'The reminder settings have been saved' : undefined,
    };
  }

  @Post()
  @Permission('reminder-settings.manage')
  async save(
    @CurrentAccess() access: AccessContext,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const partnershipId = actingPartnershipId(access);
    const read = readReminderSettingsForm(body);
    if (!read.ok) {
      response.status(422).render(VIEW, this.page(access, read.form));
      return;
    }
    try {
      await inScope(this.dataSource, access.scope, (manager) =>
        this.settings.replace(
          manager,
          partnershipId,
          access.principal.personId,
          read.overrides,
          read.version,
          this.clock.now(),
        ),
      );
    } catch (error) {
      if (!(error instanceof RemindersException)) throw error;
      if (error.code === RemindersErrorCode.VersionConflict) {
        // Keep what they typed, now based on the version they are shown.
        const current = await this.current(access);
        const form = formView(
          { ...body, version: String(current.version) },
          FormErrors.fromMap(
            { saved: STALE_SETTINGS_MESSAGE },
            { ids: { saved: 'saved-settings' } },
          ),
        );
        response.status(409).render(VIEW, {
          ...this.page(access, form),
          saved: describeSettings(current.settings),
        });
        return;
      }
      if (error.code === RemindersErrorCode.InvalidSettings) {
        const form = formView(body, FormErrors.fromMap({ daysBefore: error.message }));
        response.status(422).render(VIEW, this.page(access, form));
        return;
      }
      throw error;
    }
    seeOther(response, adminPath(partnershipId, 'reminder-settings'), { done: 'saved' });
  }

  private current(access: AccessContext): Promise<ReminderSettingsView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.settings.get(manager, actingPartnershipId(access)),
    );
  }

  private page(access: AccessContext, form: FormView): object {
    return {
      basePath: adminPath(actingPartnershipId(access)),
      form,
      hourItems: SEND_HOURS.map((hour) => ({ value: String(hour), text: hourInWords(hour) })),
    };
  }
}
