import { Body, Controller, Get, HttpException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { ActionsService } from '../../actions/actions.service';
import type { ActionView } from '../../actions/dto/action.view';
import { instanceActor } from '../../actions/instance-actor';
import { inScope } from '../../database/tenancy';
import { FormErrors, formView, type FormView } from '../forms/form-errors';
import { formProblem, postedVersion, redirectTo, renderPage } from './page-responses';

const TEXT_MAX = 4000;

const STATUS_OPTIONS = [
  { value: 'in-progress', text: 'Still in progress' },
  {
    value: 'complete',
    text: 'Done: ask for it to be closed',
    hint: 'The subgroup that monitors the action plan agrees or declines closing it',
  },
] as const;

/**
 * An action's owner reports progress: where it stands, what was done, and any evidence of impact.
 * "Still in progress" records a progress update; "Done" asks the subgroup to close it (evidence
 * required). The actions service checks the person owns the action.
 */
@ApiExcludeController()
@Controller('instances/:instanceId/actions/:actionId/progress')
export class ActionProgressPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: ActionsService,
  ) {}

  @Get()
  @Permission('actions.report-progress')
  async form(
    @CurrentAccess() access: AccessContext,
    @Param('actionId') actionId: string,
    @Query('reported') reported: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const action = await this.read(access, actionId);
    renderPage(response, 200, 'steps/action-progress', {
      ...this.locals(action, formView({ status: 'in-progress' })),
      reported: reported === '1',
    });
  }

  @Post()
  @Permission('actions.report-progress')
  async report(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('actionId') actionId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const status = typeof body.status === 'string' ? body.status : '';
    const note = typeof body.note === 'string' ? body.note.trim() : '';
    const evidence = typeof body.evidenceOfImpact === 'string' ? body.evidenceOfImpact.trim() : '';
    const messages: Record<string, string> = {};
    if (!STATUS_OPTIONS.some((option) => option.value === status)) {
      messages.status = 'Select where the action stands';
    }
    if (note === '') messages.note = 'Enter what has been done since the last update';
    else if (note.length > TEXT_MAX) messages.note = 'The update must be 4,000 characters or fewer';
    if (evidence.length > TEXT_MAX) {
      messages.evidenceOfImpact = 'The evidence must be 4,000 characters or fewer';
    } else if (status === 'complete' && evidence === '') {
      messages.evidenceOfImpact =
        'Enter the evidence of impact, to ask for the action to be closed';
    }
    const again = async (code: number, errors: FormErrors): Promise<void> =>
      renderPage(
        response,
        code,
        'steps/action-progress',
        this.locals(await this.read(access, actionId), formView(body, errors)),
      );
    if (Object.keys(messages).length > 0) return again(422, FormErrors.fromMap(messages));
    const version = postedVersion(body.version);
    const input = { note, ...(evidence ? { evidenceOfImpact: evidence } : {}) };
    try {
      await inScope(this.dataSource, access.scope, (manager) =>
        status === 'complete'
          ? this.actions.requestClosure(manager, instanceActor(access), actionId, version, {
              note,
              evidenceOfImpact: evidence,
            })
          : this.actions.reportProgress(manager, instanceActor(access), actionId, version, input),
      );
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      if (error.getStatus() === 404) throw error;
      const detail = (error.getResponse() as { detail?: string }).detail ?? error.message;
      return again(error.getStatus(), formProblem(detail));
    }
    redirectTo(response, `/instances/${instanceId}/actions/${actionId}/progress?reported=1`);
  }

  private read(access: AccessContext, actionId: string): Promise<ActionView> {
    return inScope(this.dataSource, access.scope, (manager) =>
      this.actions.get(manager, instanceActor(access).instanceId, actionId),
    );
  }

  private locals(action: ActionView, form: FormView): Record<string, unknown> {
    return {
      title: `Report progress on action ${action.label}`,
      action,
      history: (action.updates ?? []).map((update) => ({ ...update, at: new Date(update.at) })),
      form,
      statusOptions: STATUS_OPTIONS,
      closed: action.status === 'complete' || action.status === 'awaiting-closure',
    };
  }
}
