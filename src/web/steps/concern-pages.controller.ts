import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../../audits/audit-actor';
import { AuditsService, type AuditView } from '../../audits/audits/audits.service';
import {
  AuditConcernsService,
  type ConcernView,
} from '../../audits/concerns/audit-concerns.service';
import { parseIdempotencyKey } from '../../common/preconditions';
import { FormErrors, formView, type FormView } from '../forms/form-errors';
import { forbidden, formProblem, notFound, redirectTo, renderPage } from './page-responses';
import { StepPageService } from './step-page.service';

const CONCERN_MAX = 10_000;
/** The radio for a concern that is about no one case. */
const NO_CASE = 'none';

/**
 * Raising an immediate concern about a child on an audit, at any step: a form, then a
 * confirmation. The audits service emails the business manager and the chairs at once, with no
 * case content; the concern's words stay in the audit. The concern's own page shows it to
 * everyone on the audit, and lets those the workflow allows record what was done about it.
 */
@ApiExcludeController()
@Controller('instances/:instanceId/concerns')
export class ConcernPagesController {
  constructor(
    private readonly audits: AuditsService,
    private readonly concerns: AuditConcernsService,
    private readonly steps: StepPageService,
  ) {}

  @Get('new')
  @Permission('instance.send-event')
  async form(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Res() response: Response,
  ): Promise<void> {
    const audit = await this.mayRaise(access, instanceId);
    renderPage(
      response,
      200,
      'steps/concern-new',
      this.locals(audit, formView({ key: randomUUID() })),
    );
  }

  @Post('new')
  @Permission('instance.send-event')
  async raise(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const audit = await this.mayRaise(access, instanceId);
    const concern = typeof body.concern === 'string' ? body.concern.trim() : '';
    const caseKey = typeof body.caseKey === 'string' ? body.caseKey : '';
    const messages: Record<string, string> = {};
    if (caseKey !== NO_CASE && !audit.cases.some((entry) => entry.key === caseKey)) {
      messages.caseKey = 'Select the case the concern is about, or that it is not about one case';
    }
    if (concern === '') messages.concern = 'Enter the concern';
    else if (concern.length > CONCERN_MAX) {
      messages.concern = 'The concern must be 10,000 characters or fewer';
    }
    const again = (status: number, errors: FormErrors): void =>
      renderPage(response, status, 'steps/concern-new', this.locals(audit, formView(body, errors)));
    if (Object.keys(messages).length > 0) return again(422, FormErrors.fromMap(messages));
    let key: string | undefined;
    try {
      key = parseIdempotencyKey(typeof body.key === 'string' ? body.key : undefined);
    } catch {
      key = undefined;
    }
    try {
      const raised = await this.concerns.raise(
        auditActor(access),
        instanceId,
        { concern, ...(caseKey === NO_CASE ? {} : { caseKey }) },
        key,
      );
      redirectTo(response, `/instances/${instanceId}/concerns/${raised.concern.id}/raised`);
    } catch (error) {
      const status = (error as { getStatus?: () => number }).getStatus?.();
      if (status === undefined || status >= 500 || status === 404) throw error;
      const detail = (error as { getResponse: () => { detail?: string } }).getResponse().detail;
      again(status, formProblem(detail ?? 'The concern could not be raised.'));
    }
  }

  @Get(':concernId/raised')
  @Permission('instance.read')
  async raised(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('concernId', new ParseUUIDPipe()) concernId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { audit, concern } = await this.concernOn(access, instanceId, concernId);
    renderPage(response, 200, 'steps/concern-raised', {
      title: 'Concern raised',
      audit,
      concern,
      pseudonym: pseudonymOf(audit, concern),
    });
  }

  @Get(':concernId')
  @Permission('instance.read')
  async concern(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('concernId', new ParseUUIDPipe()) concernId: string,
    @Query('recorded') recorded: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.concernOn(access, instanceId, concernId);
    renderPage(response, 200, 'steps/concern', {
      ...(await this.concernLocals(access, found, formView({}))),
      recorded: recorded === '1',
    });
  }

  /** Records what was done about the concern; it is then Actioned. */
  @Post(':concernId')
  @Permission('instance.send-event')
  async recordOutcome(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('concernId', new ParseUUIDPipe()) concernId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.concernOn(access, instanceId, concernId);
    if (!found.audit.availableEvents.includes('CONCERN_ACTIONED')) {
      throw forbidden(await this.steps.refusalOn(access, instanceId, 'CONCERN_ACTIONED'));
    }
    const actionTaken = typeof body.actionTaken === 'string' ? body.actionTaken.trim() : '';
    const again = async (status: number, errors: FormErrors): Promise<void> =>
      renderPage(
        response,
        status,
        'steps/concern',
        await this.concernLocals(access, found, formView(body, errors)),
      );
    if (actionTaken === '') {
      return again(422, FormErrors.fromMap({ actionTaken: 'Enter what was done' }));
    }
    if (actionTaken.length > CONCERN_MAX) {
      return again(
        422,
        FormErrors.fromMap({ actionTaken: 'What was done must be 10,000 characters or fewer' }),
      );
    }
    try {
      await this.concerns.actioned(auditActor(access), instanceId, found.concern.id, {
        actionTaken,
      });
    } catch (error) {
      const status = (error as { getStatus?: () => number }).getStatus?.();
      if (status === undefined || status >= 500 || status === 404) throw error;
      const detail = (error as { getResponse: () => { detail?: string } }).getResponse().detail;
      return again(status, formProblem(detail ?? 'What was done could not be recorded.'));
    }
    redirectTo(response, `/instances/${instanceId}/concerns/${found.concern.id}?recorded=1`);
  }

  /** The audit and one of its concerns, as the viewer sees them (404 when there is no such). */
  private async concernOn(
    access: AccessContext,
    instanceId: string,
    concernId: string,
  ): Promise<{ audit: AuditView; concern: ConcernView }> {
    const actor = auditActor(access);
    const concern = (await this.concerns.list(actor, instanceId)).find(
      (entry) => entry.id === concernId.toLowerCase(),
    );
    if (!concern) throw notFound();
    return { audit: await this.audits.get(actor, instanceId), concern };
  }

  private async concernLocals(
    access: AccessContext,
    { audit, concern }: { audit: AuditView; concern: ConcernView },
    form: FormView,
  ): Promise<Record<string, unknown>> {
    const agencyName = concern.raisedByAgencyId
      ? await this.steps.agencyName(
          access,
          auditActor(access).partnershipId,
          concern.raisedByAgencyId,
        )
      : null;
    return {
      title: 'Immediate concern',
      audit,
      concern,
      pseudonym: pseudonymOf(audit, concern),
      agencyName,
      canRecord: concern.status === 'open' && audit.availableEvents.includes('CONCERN_ACTIONED'),
      form,
    };
  }

  /** The audit, when the viewer may raise a concern on it now (403 with the reason otherwise). */
  private async mayRaise(access: AccessContext, instanceId: string): Promise<AuditView> {
    const audit = await this.audits.get(auditActor(access), instanceId);
    if (!audit.availableEvents.includes('CONCERN_RAISED')) {
      throw forbidden(await this.steps.refusalOn(access, instanceId, 'CONCERN_RAISED'));
    }
    return audit;
  }

  private locals(audit: AuditView, form: FormView): Record<string, unknown> {
    return {
      title: 'Raise an immediate concern',
      audit,
      form,
      noCase: NO_CASE,
    };
  }
}

function pseudonymOf(audit: AuditView, concern: ConcernView): string | null {
  return audit.cases.find((entry) => entry.key === concern.caseKey)?.pseudonym ?? null;
}
