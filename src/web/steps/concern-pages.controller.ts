import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../../audits/audit-actor';
import { AuditsService, type AuditView } from '../../audits/audits/audits.service';
import { AuditConcernsService } from '../../audits/concerns/audit-concerns.service';
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
 * case content; the concern's words stay in the audit.
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
    const actor = auditActor(access);
    const concern = (await this.concerns.list(actor, instanceId)).find(
      (entry) => entry.id === concernId.toLowerCase(),
    );
    if (!concern) throw notFound();
    const audit = await this.audits.get(actor, instanceId);
    renderPage(response, 200, 'steps/concern-raised', {
      title: 'Concern raised',
      audit,
      concern,
      pseudonym: audit.cases.find((entry) => entry.key === concern.caseKey)?.pseudonym ?? null,
    });
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
