import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../../audits/audit-actor';
import { AuditErrorCode, AuditException } from '../../audits/audit.exception';
import { AuditsService } from '../../audits/audits/audits.service';
import { requireCaseKey } from '../../audits/cases/audit-cases.service';
import {
  AuditReturnsService,
  type AuditReturnView,
} from '../../audits/returns/audit-returns.service';
import type { AuditToolContent } from '../../audits/tools/audit-tool-content';
import { EngineException } from '../../engine/engine.exception';
import { FormErrors, formView, type FormView } from '../forms/form-errors';
import {
  answerRows,
  contentOf,
  draftFromForm,
  draftProblems,
  formValuesOf,
  missingMessages,
  RETURN_TEXT_FIELDS,
} from './audit-return-form';
import {
  forbidden,
  formProblem,
  notFound,
  postedVersion,
  redirectTo,
  renderPage,
} from './page-responses';
import { StepPageService, type StepPage } from './step-page.service';

const STALE =
  'This return was changed after you opened this page, so nothing was saved or submitted. ' +
  'Open it again to see it as it is now.';

interface ReturnPage {
  page: StepPage;
  agencyId: string;
  caseKey: string;
  tool: AuditToolContent;
  saved: AuditReturnView;
  paths: { task: string; form: string; check: string };
}

/**
 * One agency's audit return for one case, on its single-agency audit task: the audit tool as a
 * form (save as draft, or continue), then check your answers and submit. Only the agency's own
 * people holding the task may write it; the returns service checks the same again.
 */
@ApiExcludeController()
@Controller('instances/:instanceId/tasks/:taskId/returns/:caseKey')
export class AuditReturnPagesController {
  constructor(
    private readonly steps: StepPageService,
    private readonly audits: AuditsService,
    private readonly returns: AuditReturnsService,
  ) {}

  @Get()
  @Permission('instance.read')
  async form(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Param('caseKey') caseKey: string,
    @Query('saved') saved: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.load(access, instanceId, taskId, caseKey);
    this.requireCanAct(context.page);
    if (context.saved.status === 'submitted') return redirectTo(response, context.paths.check);
    renderPage(response, 200, 'steps/audit-return', {
      ...this.formLocals(context, formView(formValuesOf(context.saved))),
      version: context.saved.version,
      savedBanner: saved === '1',
    });
  }

  /** "Save as draft" keeps whatever is there; "Continue" needs it complete, then checks it. */
  @Post()
  @Permission('instance.send-event')
  async save(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Param('caseKey') caseKey: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.load(access, instanceId, taskId, caseKey);
    this.requireCanAct(context.page);
    const draft = draftFromForm(body);
    const messages = draftProblems(context.tool, draft);
    const continuing = body.action === 'continue';
    if (continuing && Object.keys(messages).length === 0) {
      Object.assign(messages, missingMessages(context.tool, contentOf(draft)));
    }
    const version = postedVersion(body.version);
    const again = (status: number, errors: FormErrors): void =>
      renderPage(response, status, 'steps/audit-return', {
        ...this.formLocals(context, formView(body, errors)),
        version: version ?? context.saved.version,
      });
    if (Object.keys(messages).length > 0) {
      return again(422, inFormOrder(context.tool, messages));
    }
    try {
      await this.returns.save(
        auditActor(access),
        instanceId,
        context.agencyId,
        context.caseKey,
        version ?? 0,
        draft,
      );
    } catch (error) {
      const problem = problemOf(error);
      if (problem) return again(problem.status, formProblem(problem.message));
      throw error;
    }
    redirectTo(response, continuing ? context.paths.check : `${context.paths.form}?saved=1`);
  }

  @Get('check')
  @Permission('instance.read')
  async check(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Param('caseKey') caseKey: string,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.load(access, instanceId, taskId, caseKey);
    renderPage(response, 200, 'steps/audit-return-check', this.checkLocals(context));
  }

  /** Submits the return as checked: refused as stale when it changed since the page was shown. */
  @Post('check')
  @Permission('instance.send-event')
  async submit(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Param('caseKey') caseKey: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.load(access, instanceId, taskId, caseKey);
    const again = (status: number, message: string): void =>
      renderPage(response, status, 'steps/audit-return-check', {
        ...this.checkLocals(context),
        form: formView({}, formProblem(message)),
      });
    const version = postedVersion(body.version);
    if (version !== context.saved.version) return again(409, STALE);
    this.requireCanAct(context.page);
    const missing = missingMessages(context.tool, context.saved);
    if (Object.keys(missing).length > 0) {
      return again(422, 'The return is not complete yet. Change the answers marked “Not given”.');
    }
    try {
      await this.returns.submit(
        auditActor(access),
        instanceId,
        context.agencyId,
        context.caseKey,
        version,
      );
    } catch (error) {
      const problem = problemOf(error);
      if (problem) return again(problem.status, problem.message);
      throw error;
    }
    redirectTo(response, `${context.paths.task}?submitted=${context.caseKey.toLowerCase()}`);
  }

  private async load(
    access: AccessContext,
    instanceId: string,
    taskId: string,
    caseKey: string,
  ): Promise<ReturnPage> {
    const page = await this.steps.load(access, instanceId, taskId);
    const agencyId = page.task.assignee.agencyId;
    if (page.stepForm.kind !== 'audit-return' || !agencyId) throw notFound();
    // Lower case in the path: links into the product (as a sign-in `next`) hold route words only.
    if (!/^[a-z]$/.test(caseKey)) throw notFound();
    const key = requireCaseKey(caseKey.toUpperCase());
    const actor = auditActor(access);
    const [tool, saved] = await Promise.all([
      this.audits.tool(actor, instanceId),
      this.returns.get(actor, instanceId, agencyId, key),
    ]);
    const task = `/instances/${instanceId}/tasks/${taskId}`;
    const form = `${task}/returns/${caseKey}`;
    return {
      page,
      agencyId,
      caseKey: key,
      tool,
      saved,
      paths: { task, form, check: `${form}/check` },
    };
  }

  private requireCanAct(page: StepPage): void {
    if (!page.canAct) throw forbidden(page.readOnlyReason ?? 'You cannot work on this return.');
  }

  private formLocals(context: ReturnPage, form: FormView): Record<string, unknown> {
    return {
      ...context.page,
      form,
      tool: context.tool,
      textFields: RETURN_TEXT_FIELDS,
      pseudonym: context.saved.pseudonym,
      agencyName: context.saved.agencyName,
      paths: context.paths,
    };
  }

  private checkLocals(context: ReturnPage): Record<string, unknown> {
    return {
      ...context.page,
      form: formView(),
      rows: answerRows(context.tool, context.saved),
      saved: context.saved,
      pseudonym: context.saved.pseudonym,
      agencyName: context.saved.agencyName,
      paths: context.paths,
      canSubmit: context.page.canAct && context.saved.status !== 'submitted',
    };
  }
}

/** Messages in the order the form asks for the fields, for the error summary. */
function inFormOrder(tool: AuditToolContent, messages: Record<string, string>): FormErrors {
  const order = answerRows(tool, contentOf({})).map((row) => row.fieldId.replace('-', '.'));
  const position = (field: string): number => {
    const index = order.indexOf(field);
    return index < 0 ? order.length : index;
  };
  const sorted = Object.keys(messages).sort((a, b) => position(a) - position(b));
  return FormErrors.fromMap(Object.fromEntries(sorted.map((field) => [field, messages[field]])));
}

/** A refusal from the returns service or the engine as a message for the page, or null. */
function problemOf(error: unknown): { status: number; message: string } | null {
  if (error instanceof AuditException && error.code === AuditErrorCode.StaleReturn) {
    return { status: 409, message: STALE };
  }
  if (error instanceof AuditException || error instanceof EngineException) {
    const status = error.getStatus();
    if (status === 404) return null;
    const body = error.getResponse() as { detail?: string };
    return { status, message: body.detail ?? error.message };
  }
  return null;
}
