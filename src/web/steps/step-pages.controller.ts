import { Body, Controller, Get, HttpException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../../audits/audit-actor';
import { AuditsService, CASE_FILE_AUDIT } from '../../audits/audits/audits.service';
import { AuditReturnsService } from '../../audits/returns/audit-returns.service';
import { ReviewCommentsService } from '../../reviews/comments/review-comments.service';
import { ReviewReturnsService } from '../../reviews/returns/review-returns.service';
import { isReviewKind, returnSpec } from '../../reviews/review-kinds';
import { FormErrors, formView, type FormView } from '../forms/form-errors';
import { fieldErrors, fieldView, inputId, readFields, type EventField } from './event-fields';
import {
  forbidden,
  formProblem,
  notFound,
  postedVersion,
  redirectTo,
  renderPage,
} from './page-responses';
import { STALE_STEP, StepEventSender, type StepRefusal } from './step-event.sender';
import {
  eventInWords,
  simpleEventFields,
  type DecisionForm,
  type DecisionOutcome,
} from './step-forms';
import { StepPageService, type StepPage } from './step-page.service';

const VIEW = 'steps/task';
const WRITING_MAX = 100_000;

/** The confirmation banners a step page shows after Post/Redirect/Get, by query flag. */
const BANNERS: Readonly<Record<string, string>> = {
  saved: 'Your draft has been saved.',
  sent: 'Sent. Thank you: the review has it now.',
  recorded: 'Recorded.',
};

/**
 * Doing a step: `GET /instances/:instanceId/tasks/:taskId` (where reminder emails and My tasks
 * lead) shows the task and the form its step needs (see `stepFormFor`); the posts below take the
 * step as the REST API would. A task the viewer cannot act on shows read-only, saying why.
 */
@ApiExcludeController()
@Controller('instances/:instanceId/tasks/:taskId')
export class StepPagesController {
  constructor(
    private readonly steps: StepPageService,
    private readonly sender: StepEventSender,
    private readonly audits: AuditsService,
    private readonly auditReturns: AuditReturnsService,
    private readonly reviewReturns: ReviewReturnsService,
    private readonly comments: ReviewCommentsService,
  ) {}

  @Get()
  @Permission('instance.read')
  async show(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.steps.load(access, instanceId, taskId);
    const submittedCase =
      typeof query.submitted === 'string' && /^[a-z]$/.test(query.submitted)
        ? query.submitted.toUpperCase()
        : null;
    const flag = Object.keys(BANNERS).find((name) => query[name] === '1');
    renderPage(response, 200, VIEW, {
      ...(await this.locals(access, page, formView())),
      banner: submittedCase
        ? `Your audit return for Case ${submittedCase} has been submitted.`
        : flag
          ? BANNERS[flag]
          : null,
    });
  }

  /** A decision: the chosen outcome's event with the fields it asks for. */
  @Post('decision')
  @Permission('instance.send-event')
  async decide(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.steps.load(access, instanceId, taskId);
    if (page.stepForm.kind !== 'decision') throw notFound();
    const decision = page.stepForm.decision;
    const outcomes = availableOutcomes(decision, page);
    const again = this.againWith(response, access, page, body);
    if (outcomes.length === 0 || page.task.status !== 'open') {
      return staleOrForbidden(
        body,
        page,
        again,
        () => this.decisionReadOnlyReason(page, decision) ?? 'This step is closed.',
      );
    }
    const outcome = outcomes.find((entry) => entry.key === body.outcome);
    const shared = readFields(decision.fields ?? [], body);
    const own = outcome ? readFields(outcome.fields ?? [], body, outcome.key) : null;
    const fields = labelledFields(decision, outcome);
    const messages: Record<string, string> = {};
    if (!outcome) messages.outcome = `Select an answer to “${decision.question}”`;
    Object.assign(messages, shared.errors, own?.errors ?? {});
    if (!outcome || Object.keys(messages).length > 0) {
      return again(422, fieldErrors(messages, fields));
    }
    const payload = { ...shared.payload, ...(own?.payload ?? {}), ...(outcome.fixed ?? {}) };
    await this.sendThenRecorded(response, access, page, body, again, {
      event: outcome.event,
      payload,
      fields,
      fallbackId: 'outcome',
    });
  }

  /** The generic page's events: one form per event, its fields prefixed by the event. */
  @Post('events')
  @Permission('instance.send-event')
  async event(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.steps.load(access, instanceId, taskId);
    const type = typeof body.event === 'string' ? body.event : '';
    const fields = simpleEventFields(page.instance.definition.key, type);
    if (page.stepForm.kind !== 'generic' || !fields) throw notFound();
    const again = this.againWith(response, access, page, body, type);
    if (!page.instance.availableEvents.includes(type)) {
      return staleOrForbidden(body, page, again, () =>
        this.steps.refusalReason(page.instance, type),
      );
    }
    const prefix = eventPrefix(type);
    const read = readFields(fields, body, prefix);
    const labelled = fields.map((field) => ({ prefix, field }));
    if (Object.keys(read.errors).length > 0) {
      return again(422, fieldErrors(read.errors, labelled));
    }
    await this.sendThenRecorded(response, access, page, body, again, {
      event: type,
      payload: read.payload,
      fields: labelled,
      fallbackId: `${prefix}-submit`,
    });
  }

  /** An agency's information return to a review: saved as a draft or sent. */
  @Post('return')
  @Permission('instance.send-event')
  async informationReturn(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.steps.load(access, instanceId, taskId);
    const agencyId = page.task.assignee.agencyId;
    if (page.stepForm.kind !== 'information-return' || !agencyId) throw notFound();
    if (!page.canAct) throw forbidden(page.readOnlyReason ?? 'You cannot send this return.');
    const kind = page.stepForm.returnKind;
    await this.writeThenSend(response, access, page, body, {
      find: async () =>
        (await this.reviewReturns.list(access, instanceId)).find(
          (entry) => entry.kind === kind && entry.agencyId === agencyId,
        ),
      create: (content) =>
        this.reviewReturns.create(access, instanceId, { kind, agencyId, content }),
      update: (id, content, version) =>
        this.reviewReturns.update(access, instanceId, id, { content }, version),
      submit: (id, version) =>
        this.reviewReturns.submit(access, instanceId, id, { expectedVersion: version }),
    });
  }

  /** A panel member's comments on the draft report: saved as a draft or sent. */
  @Post('comments')
  @Permission('instance.send-event')
  async panelComments(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('taskId') taskId: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.steps.load(access, instanceId, taskId);
    if (page.stepForm.kind !== 'panel-comments') throw notFound();
    if (!page.canAct) throw forbidden(page.readOnlyReason ?? 'You cannot comment on this draft.');
    const me = access.principal.personId;
    await this.writeThenSend(response, access, page, body, {
      find: async () =>
        (await this.comments.list(access, instanceId)).find(
          (entry) => entry.authorPersonId === me && entry.status === 'draft',
        ),
      create: (content) => this.comments.create(access, instanceId, { content }),
      update: (id, content, version) =>
        this.comments.update(access, instanceId, id, { content }, version),
      submit: (id, version) =>
        this.comments.submit(access, instanceId, id, { expectedVersion: version }),
    });
  }

  /**
   * The one way both kinds of writing are kept: the text is saved (a new draft, or the draft at
   * the version the page showed), then sent when asked; a stale or refused write says why.
   */
  private async writeThenSend(
    response: Response,
    access: AccessContext,
    page: StepPage,
    body: Record<string, unknown>,
    store: {
      find(): Promise<{ id: string; version: number; status: string } | undefined>;
      create(content: string): Promise<{ id: string; version: number }>;
      update(
        id: string,
        content: string,
        version: number,
      ): Promise<{ id: string; version: number }>;
      submit(id: string, version: number): Promise<unknown>;
    },
  ): Promise<void> {
    const content = typeof body.content === 'string' ? body.content : '';
    const again = this.againWith(response, access, page, body);
    if (content.trim() === '') {
      return again(
        422,
        FormErrors.fromMap({ content: 'Enter your text before you save or send it' }),
      );
    }
    if (content.length > WRITING_MAX) {
      return again(
        422,
        FormErrors.fromMap({ content: 'The text must be 100,000 characters or fewer' }),
      );
    }
    const sending = body.action === 'send';
    try {
      const existing = await store.find();
      const version = postedVersion(body.version);
      const saved = existing
        ? await store.update(existing.id, content, version ?? 0)
        : await store.create(content);
      if (sending) await store.submit(saved.id, saved.version);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      if (error.getStatus() === 404) throw error;
      const detail = (error.getResponse() as { detail?: string }).detail ?? error.message;
      return again(error.getStatus(), FormErrors.fromMap({ content: detail }));
    }
    redirectTo(response, `${taskPath(page)}?${sending ? 'sent' : 'saved'}=1`);
  }

  /**
   * Sends the step's event with what the form gave: on success back to the task saying it was
   * recorded; a refusal shows the form again with why, at the field it is about.
   */
  private async sendThenRecorded(
    response: Response,
    access: AccessContext,
    page: StepPage,
    body: Record<string, unknown>,
    again: ShowAgain,
    step: {
      event: string;
      payload: Record<string, unknown>;
      fields: ReadonlyArray<{ prefix: string; field: EventField }>;
      fallbackId: string;
    },
  ): Promise<void> {
    const refusal = await this.sender.send(
      access,
      page.instance,
      step.event,
      step.payload,
      postedVersion(body.version),
    );
    if (refusal) return again(refusal.status, refusalErrors(refusal, step.fields, step.fallbackId));
    redirectTo(response, `${taskPath(page)}?recorded=1`);
  }

  /** How a post shows its page again: with the body as typed and the given errors. */
  private againWith(
    response: Response,
    access: AccessContext,
    page: StepPage,
    body: Record<string, unknown>,
    submittedEvent?: string,
  ): ShowAgain {
    return (status, errors) =>
      this.again(response, status, access, page, formView(body, errors), submittedEvent);
  }

  private async again(
    response: Response,
    status: number,
    access: AccessContext,
    page: StepPage,
    form: FormView,
    submittedEvent?: string,
  ): Promise<void> {
    // The page is shown again as things stand now, with what was typed and what was wrong.
    const fresh = await this.steps.load(access, page.instance.id, page.task.id);
    renderPage(response, status, VIEW, {
      ...(await this.locals(access, fresh, form)),
      submittedEvent,
    });
  }

  /** What the page shows for the step's form. */
  private async locals(
    access: AccessContext,
    page: StepPage,
    form: FormView,
  ): Promise<Record<string, unknown>> {
    const base = {
      ...page,
      form,
      title: page.task.title,
      canRaiseConcern:
        page.instance.definition.key === CASE_FILE_AUDIT &&
        page.instance.availableEvents.includes('CONCERN_RAISED'),
    };
    switch (page.stepForm.kind) {
      case 'audit-return':
        return { ...base, auditReturns: await this.auditReturnRows(access, page) };
      case 'information-return': {
        const kind = page.stepForm.returnKind;
        const spec = isReviewKind(page.instance.definition.key)
          ? returnSpec(page.instance.definition.key, kind)
          : undefined;
        const existing = (await this.reviewReturns.list(access, page.instance.id)).find(
          (entry) => entry.kind === kind && entry.agencyId === page.task.assignee.agencyId,
        );
        return {
          ...base,
          writing: this.writing(existing, form, `Your agency’s ${spec?.title ?? 'return'}`),
        };
      }
      case 'panel-comments': {
        const me = access.principal.personId;
        const mine = (await this.comments.list(access, page.instance.id)).filter(
          (entry) => entry.authorPersonId === me,
        );
        const current = mine.find((entry) => entry.status === 'draft') ?? mine[mine.length - 1];
        return {
          ...base,
          writing: this.writing(current, form, 'Your comments on the draft report'),
        };
      }
      case 'decision': {
        const decision = page.stepForm.decision;
        const outcomes = page.task.status === 'open' ? availableOutcomes(decision, page) : [];
        return {
          ...base,
          decision: {
            question: decision.question,
            fields: (decision.fields ?? []).map((field) => fieldView(field)),
            outcomes: outcomes.map((outcome) => ({
              key: outcome.key,
              label: outcome.label,
              hint: outcome.hint,
              fields: (outcome.fields ?? []).map((field) => fieldView(field, outcome.key)),
            })),
          },
          readOnlyReason: outcomes.length > 0 ? null : this.decisionReadOnlyReason(page, decision),
        };
      }
      case 'action-progress':
        return {
          ...base,
          actionPath: `/instances/${page.instance.id}/actions/${page.stepForm.actionId}/progress`,
        };
      case 'generic':
        return { ...base, ...this.genericEvents(page) };
    }
  }

  private writing(
    existing:
      { content: string; status: string; version: number; submittedAt: string | null } | undefined,
    form: FormView,
    label: string,
  ): Record<string, unknown> {
    return {
      label,
      sent:
        existing?.status === 'submitted'
          ? { content: existing.content, submittedAt: new Date(existing.submittedAt ?? '') }
          : null,
      version: existing?.status === 'draft' ? existing.version : '',
      value: form.values.content ?? (existing?.status === 'draft' ? existing.content : ''),
    };
  }

  private async auditReturnRows(
    access: AccessContext,
    page: StepPage,
  ): Promise<Array<Record<string, unknown>>> {
    const actor = auditActor(access);
    const [returns, audit] = await Promise.all([
      this.auditReturns.list(actor, page.instance.id),
      this.audits.get(actor, page.instance.id),
    ]);
    const pseudonyms = new Map(audit.cases.map((entry) => [entry.key, entry.pseudonym]));
    const base = `/instances/${page.instance.id}/tasks/${page.task.id}/returns`;
    return returns
      .filter((entry) => entry.agencyId === page.task.assignee.agencyId)
      .map((entry) => ({
        caseKey: entry.caseKey,
        pseudonym: pseudonyms.get(entry.caseKey) ?? `Case ${entry.caseKey}`,
        status: entry.status,
        href:
          entry.status === 'submitted' || !page.canAct
            ? `${base}/${entry.caseKey.toLowerCase()}/check`
            : `${base}/${entry.caseKey.toLowerCase()}`,
      }));
  }

  private genericEvents(page: StepPage): Record<string, unknown> {
    if (page.task.status !== 'open') return { events: [], otherEvents: [] };
    const key = page.instance.definition.key;
    const events = page.instance.availableEvents.flatMap((type) => {
      const fields = simpleEventFields(key, type);
      if (!fields) return [];
      const prefix = eventPrefix(type);
      return [
        {
          type,
          prefix,
          label: eventInWords(type),
          fields: fields.map((field) => fieldView(field, prefix)),
        },
      ];
    });
    const otherEvents = page.instance.availableEvents
      .filter((type) => !simpleEventFields(key, type))
      .map(eventInWords);
    return { events, otherEvents };
  }

  private decisionReadOnlyReason(page: StepPage, decision: DecisionForm): string | null {
    if (page.task.status !== 'open') return page.readOnlyReason;
    const events = [...new Set(decision.outcomes.map((outcome) => outcome.event))];
    const accepted = events.filter((type) => page.instance.acceptedEvents.includes(type));
    if (accepted.length === 0) return 'This decision cannot be recorded at this stage.';
    return this.steps.refusalReason(page.instance, accepted[0]);
  }
}

/** Shows the step's page again with a status and the form's errors. */
type ShowAgain = (status: number, errors: FormErrors) => Promise<void>;

function taskPath(page: StepPage): string {
  return `/instances/${page.instance.id}/tasks/${page.task.id}`;
}

/**
 * A post the step can no longer take: when the page was older than the instance, shown again
 * with 409 as stale (it may have been taken meanwhile); otherwise 403 saying why.
 */
function staleOrForbidden(
  body: Record<string, unknown>,
  page: StepPage,
  again: ShowAgain,
  reason: () => string,
): Promise<void> {
  if (postedVersion(body.version) !== page.instance.version) {
    return again(409, formProblem(STALE_STEP));
  }
  throw forbidden(reason());
}

/** The outcomes this viewer may record now: those whose event the stage accepts from them. */
function availableOutcomes(decision: DecisionForm, page: StepPage): DecisionOutcome[] {
  return decision.outcomes.filter((outcome) =>
    page.instance.availableEvents.includes(outcome.event),
  );
}

function labelledFields(
  decision: DecisionForm,
  outcome: DecisionOutcome | undefined,
): Array<{ prefix: string; field: EventField }> {
  return [
    ...(decision.fields ?? []).map((field) => ({ prefix: '', field })),
    ...(outcome?.fields ?? []).map((field) => ({ prefix: outcome?.key ?? '', field })),
  ];
}

/**
 * A refusal as the form's errors: the workflow's rule about a value (such as a publication date
 * too soon after the report went to the national Panel) at the first date asked, else the first
 * field; anything else about the form as a whole.
 */
function refusalErrors(
  refusal: StepRefusal,
  fields: ReadonlyArray<{ prefix: string; field: EventField }>,
  fallbackId: string,
): FormErrors {
  if (!refusal.byCheck) return formProblem(refusal.message);
  const target = fields.find((entry) => entry.field.kind === 'date') ?? fields[0];
  if (!target) return FormErrors.fromMap({ [fallbackId]: refusal.message });
  const name = target.prefix ? `${target.prefix}-${target.field.name}` : target.field.name;
  return FormErrors.fromMap(
    { [name]: refusal.message },
    { ids: { [name]: inputId(target.prefix, target.field) } },
  );
}

/** "RAPID_REVIEW_MEETING_HELD" → "rapid-review-meeting-held". */
function eventPrefix(type: string): string {
  return type.toLowerCase().replace(/_/g, '-');
}
