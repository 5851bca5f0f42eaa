import type { IsoDate } from '../shared/due-rule';
import { STEPS } from './case-file-audit.steps';
import type {
  AgencyReturn,
  CaseFileAuditAnchor,
  CaseFileAuditContext,
  CaseFileAuditInput,
  EventOf,
  ImmediateConcern,
} from './case-file-audit.types';

/** How each event changes the audit's context. Pure: the machine wires these into `assign`. */
type Changes = Partial<CaseFileAuditContext>;

export function initialContext(input: CaseFileAuditInput): CaseFileAuditContext {
  return {
    dates: { openedOn: input.openedOn },
    dueOverrides: {},
    plan: null,
    cases: [],
    agencyIds: [],
    involvement: {},
    agenciesAwaitingInvolvement: [],
    involvedAgencyIds: [],
    agenciesWithReturnsOutstanding: [],
    returns: [],
    moderatedGrades: {},
    recommendationIds: [],
    reportSentBackCount: 0,
    learningFormat: null,
    closureOutcome: null,
    concerns: [],
    dateChanges: [],
  };
}

export function recordPlan(context: CaseFileAuditContext, event: EventOf<'PLAN_AGREED'>): Changes {
  return {
    plan: {
      theme: event.theme.trim(),
      scope: event.scope.trim(),
      lookBackMonths: event.lookBackMonths,
      auditTool: { id: event.auditToolId, version: event.auditToolVersion },
      meetingOn: event.meetingOn,
    },
    dates: dated(context, { plannedOn: event.on, meetingOn: event.meetingOn }),
  };
}

export function changeMeetingDate(
  context: CaseFileAuditContext,
  event: EventOf<'MEETING_DATE_CHANGED'>,
): Changes {
  if (!context.plan) return {};
  return {
    plan: { ...context.plan, meetingOn: event.meetingOn },
    dates: dated(context, { meetingOn: event.meetingOn }),
    dateChanges: [
      ...context.dateChanges,
      {
        subject: 'meetingOn',
        from: context.plan.meetingOn,
        to: event.meetingOn,
        reason: event.reason.trim(),
        changedBy: event.actor.personId,
        changedOn: event.on,
      },
    ],
  };
}

export function selectCases(
  context: CaseFileAuditContext,
  event: EventOf<'CASES_SELECTED'>,
): Changes {
  return {
    cases: event.caseKeys.map((key) => ({ key, pseudonym: `Case ${key}` })),
    agencyIds: [...event.agencyIds],
    agenciesAwaitingInvolvement: [...event.agencyIds],
    involvement: {},
    dates: dated(context, { casesSelectedOn: event.on, involvementRequestedOn: event.on }),
  };
}

export function recordInvolvement(
  context: CaseFileAuditContext,
  event: EventOf<'INVOLVEMENT_CONFIRMED'>,
): Changes {
  const caseKeys = context.cases
    .map((entry) => entry.key)
    .filter((key) => event.caseKeys.includes(key));
  return {
    involvement: { ...context.involvement, [event.agencyId]: caseKeys },
    agenciesAwaitingInvolvement: context.agenciesAwaitingInvolvement.filter(
      (id) => id !== event.agencyId,
    ),
  };
}

/** Once every asked agency has answered: one return per agency and case it had contact with. */
export function requestReturns(
  context: CaseFileAuditContext,
  event: EventOf<'INVOLVEMENT_CONFIRMED'>,
): Changes {
  const involvedAgencyIds = context.agencyIds.filter(
    (id) => (context.involvement[id] ?? []).length > 0,
  );
  const returns = involvedAgencyIds.flatMap((agencyId) =>
    (context.involvement[agencyId] ?? []).map((caseKey): AgencyReturn => ({
      agencyId,
      caseKey,
      status: 'not-started',
      submittedOn: null,
      late: false,
      reopenCount: 0,
    })),
  );
  return {
    involvedAgencyIds,
    returns,
    agenciesWithReturnsOutstanding: outstandingAgencies(returns),
    dates: dated(context, { auditsRequestedOn: event.on }),
  };
}

export function saveReturn(context: CaseFileAuditContext, event: EventOf<'RETURN_SAVED'>): Changes {
  return withReturn(context, event.agencyId, event.caseKey, (entry) => ({
    ...entry,
    status: 'draft',
  }));
}

export function submitReturn(
  context: CaseFileAuditContext,
  event: EventOf<'RETURN_SUBMITTED'>,
): Changes {
  const auditsClosed = context.dates.auditsClosedOn !== undefined;
  return withReturn(context, event.agencyId, event.caseKey, (entry) => ({
    ...entry,
    status: 'submitted',
    submittedOn: entry.submittedOn ?? event.on,
    late: entry.late || (entry.submittedOn === null && auditsClosed),
  }));
}

export function reopenReturn(
  context: CaseFileAuditContext,
  event: EventOf<'RETURN_REOPENED'>,
): Changes {
  return withReturn(context, event.agencyId, event.caseKey, (entry) => ({
    ...entry,
    status: 'reopened',
    reopenCount: entry.reopenCount + 1,
  }));
}

export function closeAudits(
  context: CaseFileAuditContext,
  event: EventOf<'AUDITS_CLOSED'>,
): Changes {
  return { dates: dated(context, { auditsClosedOn: event.on }) };
}

export function recordMeeting(
  context: CaseFileAuditContext,
  event: EventOf<'MEETING_HELD'>,
): Changes {
  return {
    moderatedGrades: Object.fromEntries(
      context.cases.map((entry) => [entry.key, event.moderatedGrades[entry.key]]),
    ),
    dates: dated(context, { meetingHeldOn: event.heldOn }),
  };
}

export function submitReport(
  context: CaseFileAuditContext,
  event: EventOf<'REPORT_SUBMITTED'>,
): Changes {
  return {
    recommendationIds: [...event.recommendationIds],
    dates: dated(context, {
      reportSubmittedOn: event.on,
      approvalMeetingOn: event.approvalMeetingOn,
    }),
  };
}

export function approveReport(
  context: CaseFileAuditContext,
  event: EventOf<'REPORT_APPROVED'>,
): Changes {
  return { dates: dated(context, { reportApprovedOn: event.on }) };
}

/** A new round: the last round's approval meeting and any dates set for its steps no longer hold. */
export function sendReportBack(
  context: CaseFileAuditContext,
  event: EventOf<'REPORT_SENT_BACK'>,
): Changes {
  return {
    reportSentBackCount: context.reportSentBackCount + 1,
    dates: dated(context, { reportSentBackOn: event.on, approvalMeetingOn: undefined }),
    dueOverrides: without(context.dueOverrides, [STEPS.reviseReport.key, STEPS.approveReport.key]),
  };
}

export function agreeActionPlan(
  context: CaseFileAuditContext,
  event: EventOf<'ACTION_PLAN_AGREED'>,
): Changes {
  return { dates: dated(context, { actionPlanAgreedOn: event.on }) };
}

export function shareLearning(
  context: CaseFileAuditContext,
  event: EventOf<'LEARNING_SHARED'>,
): Changes {
  return {
    learningFormat: event.format,
    dates: dated(context, { learningSharedOn: event.on }),
  };
}

export function closeAudit(context: CaseFileAuditContext, event: EventOf<'AUDIT_CLOSED'>): Changes {
  return { closureOutcome: event.outcome, dates: dated(context, { closedOn: event.on }) };
}

export function cancelAudit(
  context: CaseFileAuditContext,
  event: EventOf<'AUDIT_CANCELLED'>,
): Changes {
  return { dates: dated(context, { cancelledOn: event.on }) };
}

export function changeDueDate(
  context: CaseFileAuditContext,
  event: EventOf<'DUE_DATE_CHANGED'>,
): Changes {
  return {
    dueOverrides: { ...context.dueOverrides, [event.stepKey]: event.dueOn },
    dateChanges: [
      ...context.dateChanges,
      {
        subject: event.stepKey,
        from: context.dueOverrides[event.stepKey] ?? null,
        to: event.dueOn,
        reason: event.reason.trim(),
        changedBy: event.actor.personId,
        changedOn: event.on,
      },
    ],
  };
}

export function raiseConcern(
  context: CaseFileAuditContext,
  event: EventOf<'CONCERN_RAISED'>,
): Changes {
  const concern: ImmediateConcern = {
    id: event.concernId,
    raisedBy: event.actor.personId,
    raisedByAgencyId: event.actor.agencyId,
    caseKey: event.caseKey ?? null,
    raisedOn: event.on,
    status: 'open',
    actionedBy: null,
    actionedOn: null,
  };
  return withConcerns(context, [...context.concerns, concern]);
}

export function actionConcern(
  context: CaseFileAuditContext,
  event: EventOf<'CONCERN_ACTIONED'>,
): Changes {
  const concerns = context.concerns.map((concern): ImmediateConcern =>
    concern.id === event.concernId
      ? { ...concern, status: 'actioned', actionedBy: event.actor.personId, actionedOn: event.on }
      : concern,
  );
  return withConcerns(context, concerns);
}

/** Agencies with at least one return not yet submitted, in the order they were asked. */
export function outstandingAgencies(returns: readonly AgencyReturn[]): string[] {
  return [
    ...new Set(
      returns.filter((entry) => entry.status !== 'submitted').map((entry) => entry.agencyId),
    ),
  ];
}

function withReturn(
  context: CaseFileAuditContext,
  agencyId: string,
  caseKey: string,
  change: (entry: AgencyReturn) => AgencyReturn,
): Changes {
  const returns = context.returns.map((entry) =>
    entry.agencyId === agencyId && entry.caseKey === caseKey ? change(entry) : entry,
  );
  return { returns, agenciesWithReturnsOutstanding: outstandingAgencies(returns) };
}

/** The concern step's due date runs from the oldest concern still open; none open clears it. */
function withConcerns(context: CaseFileAuditContext, concerns: ImmediateConcern[]): Changes {
  const open = concerns.filter((concern) => concern.status === 'open');
  const oldest = open.map((concern) => concern.raisedOn).sort()[0];
  return {
    concerns,
    dates: dated(context, { oldestOpenConcernRaisedOn: oldest }),
    dueOverrides:
      open.length === 0
        ? without(context.dueOverrides, [STEPS.recordConcernAction.key])
        : context.dueOverrides,
  };
}

function dated(
  context: CaseFileAuditContext,
  changes: Partial<Record<CaseFileAuditAnchor, IsoDate | undefined>>,
): CaseFileAuditContext['dates'] {
  const dates: CaseFileAuditContext['dates'] = { ...context.dates, ...changes };
  for (const [name, value] of Object.entries(dates)) if (value === undefined) delete dates[name];
  return dates;
}

function without<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
