import { and, assertEvent, assign, setup } from 'xstate';
import type { StateMeta } from '../shared/steps';
import { eventRefusal } from './case-file-audit.rules';
import { STAGES, STEPS, meta } from './case-file-audit.steps';
import type {
  CaseFileAuditContext,
  CaseFileAuditEvent,
  CaseFileAuditInput,
} from './case-file-audit.types';
import * as update from './case-file-audit.updates';

/**
 * Side effects the engine turns into outbox rows, by action type. Params carry ids and dates only:
 * never case content (the concern's text stays in the audits module).
 */
export interface CaseFileAuditEffects {
  /** Notify the business manager, the chair(s) and the raising agency's safeguarding lead now. */
  'effect.immediate-concern-raised': { concernId: string };
  /** Tell the same people that what was done has been recorded. */
  'effect.immediate-concern-actioned': { concernId: string };
  /** Tell the agency's safeguarding lead and auditors that a submitted return was reopened. */
  'effect.return-reopened': { agencyId: string; caseKey: string };
  /** Tell the audit's members the meeting has moved. */
  'effect.meeting-date-changed': { meetingOn: string };
}

export const CASE_FILE_AUDIT_EFFECTS = [
  'effect.immediate-concern-raised',
  'effect.immediate-concern-actioned',
  'effect.return-reopened',
  'effect.meeting-date-changed',
] as const satisfies readonly (keyof CaseFileAuditEffects)[];

/** Effects are data for the engine; running the machine alone does nothing with them. */
function effect<K extends keyof CaseFileAuditEffects>() {
  return (_args: unknown, _params: CaseFileAuditEffects[K]): void => undefined;
}

/** Typed so that a state's `meta` must be a StateMeta the engine can read. */
const stateMeta: StateMeta = {};

const machineSetup = setup({
  types: {
    context: {} as CaseFileAuditContext,
    events: {} as CaseFileAuditEvent,
    input: {} as CaseFileAuditInput,
    meta: stateMeta,
  },
  guards: {
    eventAllowed: ({ context, event }) => eventRefusal(context, event) === null,
    answersLastInvolvementCheck: ({ context, event }) => {
      assertEvent(event, 'INVOLVEMENT_CONFIRMED');
      return context.agenciesAwaitingInvolvement.every((id) => id === event.agencyId);
    },
    submitsLastReturn: ({ context, event }) => {
      assertEvent(event, 'RETURN_SUBMITTED');
      return context.returns.every(
        (entry) =>
          entry.status === 'submitted' ||
          (entry.agencyId === event.agencyId && entry.caseKey === event.caseKey),
      );
    },
    actionsLastOpenConcern: ({ context, event }) => {
      assertEvent(event, 'CONCERN_ACTIONED');
      return context.concerns.every(
        (concern) => concern.status === 'actioned' || concern.id === event.concernId,
      );
    },
  },
  actions: {
    recordPlan: assign(({ context, event }) => {
      assertEvent(event, 'PLAN_AGREED');
      return update.recordPlan(context, event);
    }),
    changeMeetingDate: assign(({ context, event }) => {
      assertEvent(event, 'MEETING_DATE_CHANGED');
      return update.changeMeetingDate(context, event);
    }),
    selectCases: assign(({ context, event }) => {
      assertEvent(event, 'CASES_SELECTED');
      return update.selectCases(context, event);
    }),
    recordInvolvement: assign(({ context, event }) => {
      assertEvent(event, 'INVOLVEMENT_CONFIRMED');
      return update.recordInvolvement(context, event);
    }),
    requestReturns: assign(({ context, event }) => {
      assertEvent(event, 'INVOLVEMENT_CONFIRMED');
      return update.requestReturns(context, event);
    }),
    saveReturn: assign(({ context, event }) => {
      assertEvent(event, 'RETURN_SAVED');
      return update.saveReturn(context, event);
    }),
    submitReturn: assign(({ context, event }) => {
      assertEvent(event, 'RETURN_SUBMITTED');
      return update.submitReturn(context, event);
    }),
    reopenReturn: assign(({ context, event }) => {
      assertEvent(event, 'RETURN_REOPENED');
      return update.reopenReturn(context, event);
    }),
    closeAudits: assign(({ context, event }) => {
      assertEvent(event, 'AUDITS_CLOSED');
      return update.closeAudits(context, event);
    }),
    recordMeeting: assign(({ context, event }) => {
      assertEvent(event, 'MEETING_HELD');
      return update.recordMeeting(context, event);
    }),
    submitReport: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_SUBMITTED');
      return update.submitReport(context, event);
    }),
    approveReport: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_APPROVED');
      return update.approveReport(context, event);
    }),
    sendReportBack: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_SENT_BACK');
      return update.sendReportBack(context, event);
    }),
    agreeActionPlan: assign(({ context, event }) => {
      assertEvent(event, 'ACTION_PLAN_AGREED');
      return update.agreeActionPlan(context, event);
    }),
    shareLearning: assign(({ context, event }) => {
      assertEvent(event, 'LEARNING_SHARED');
      return update.shareLearning(context, event);
    }),
    closeAudit: assign(({ context, event }) => {
      assertEvent(event, 'AUDIT_CLOSED');
      return update.closeAudit(context, event);
    }),
    cancelAudit: assign(({ context, event }) => {
      assertEvent(event, 'AUDIT_CANCELLED');
      return update.cancelAudit(context, event);
    }),
    changeDueDate: assign(({ context, event }) => {
      assertEvent(event, 'DUE_DATE_CHANGED');
      return update.changeDueDate(context, event);
    }),
    raiseConcern: assign(({ context, event }) => {
      assertEvent(event, 'CONCERN_RAISED');
      return update.raiseConcern(context, event);
    }),
    actionConcern: assign(({ context, event }) => {
      assertEvent(event, 'CONCERN_ACTIONED');
      return update.actionConcern(context, event);
    }),
    'effect.immediate-concern-raised': effect<'effect.immediate-concern-raised'>(),
    'effect.immediate-concern-actioned': effect<'effect.immediate-concern-actioned'>(),
    'effect.return-reopened': effect<'effect.return-reopened'>(),
    'effect.meeting-date-changed': effect<'effect.meeting-date-changed'>(),
  },
});

/** The meeting can move until it is held. */
const meetingDateChange = {
  guard: 'eventAllowed',
  actions: [
    'changeMeetingDate',
    {
      type: 'effect.meeting-date-changed',
      params: ({ event }: { event: CaseFileAuditEvent }) => {
        assertEvent(event, 'MEETING_DATE_CHANGED');
        return { meetingOn: event.meetingOn };
      },
    },
  ],
} as const;

const returnSaved = { guard: 'eventAllowed', actions: 'saveReturn' } as const;

const returnReopened = {
  guard: 'eventAllowed',
  actions: [
    'reopenReturn',
    {
      type: 'effect.return-reopened',
      params: ({ event }: { event: CaseFileAuditEvent }) => {
        assertEvent(event, 'RETURN_REOPENED');
        return { agencyId: event.agencyId, caseKey: event.caseKey };
      },
    },
  ],
} as const;

const concernRaised = {
  guard: 'eventAllowed',
  target: 'open',
  actions: [
    'raiseConcern',
    {
      type: 'effect.immediate-concern-raised',
      params: ({ event }: { event: CaseFileAuditEvent }) => {
        assertEvent(event, 'CONCERN_RAISED');
        return { concernId: event.concernId };
      },
    },
  ],
} as const;

const concernActioned = {
  actions: [
    'actionConcern',
    {
      type: 'effect.immediate-concern-actioned',
      params: ({ event }: { event: CaseFileAuditEvent }) => {
        assertEvent(event, 'CONCERN_ACTIONED');
        return { concernId: event.concernId };
      },
    },
  ],
} as const;

/**
 * One multi-agency case file audit cycle (domain.md, "Process 1"). While live, two regions run side
 * by side: the audit itself, and immediate concerns, which any auditor may raise at any step
 * without holding the audit up.
 */
export const caseFileAuditMachine = machineSetup.createMachine({
  id: 'case-file-audit',
  context: ({ input }) => update.initialContext(input),
  initial: 'live',
  states: {
    live: {
      type: 'parallel',
      on: {
        DUE_DATE_CHANGED: { guard: 'eventAllowed', actions: 'changeDueDate' },
        AUDIT_CANCELLED: {
          guard: 'eventAllowed',
          target: '#case-file-audit.cancelled',
          actions: 'cancelAudit',
        },
      },
      states: {
        audit: {
          initial: 'planning',
          states: {
            planning: {
              meta: meta(STAGES.planning, STEPS.agreePlan),
              on: {
                PLAN_AGREED: {
                  guard: 'eventAllowed',
                  target: 'caseSelection',
                  actions: 'recordPlan',
                },
              },
            },
            caseSelection: {
              meta: meta(STAGES.caseSelection, STEPS.selectCases),
              on: {
                CASES_SELECTED: {
                  guard: 'eventAllowed',
                  target: 'involvementCheck',
                  actions: 'selectCases',
                },
                MEETING_DATE_CHANGED: meetingDateChange,
              },
            },
            involvementCheck: {
              meta: meta(STAGES.involvementCheck, STEPS.confirmInvolvement),
              on: {
                INVOLVEMENT_CONFIRMED: [
                  {
                    guard: and(['eventAllowed', 'answersLastInvolvementCheck']),
                    target: 'singleAgencyAudits',
                    actions: ['recordInvolvement', 'requestReturns'],
                  },
                  { guard: 'eventAllowed', actions: 'recordInvolvement' },
                ],
                MEETING_DATE_CHANGED: meetingDateChange,
              },
            },
            singleAgencyAudits: {
              meta: meta(STAGES.singleAgencyAudits, STEPS.agencyReturns),
              on: {
                RETURN_SAVED: returnSaved,
                RETURN_SUBMITTED: [
                  {
                    guard: and(['eventAllowed', 'submitsLastReturn']),
                    target: 'auditMeeting',
                    actions: 'submitReturn',
                  },
                  { guard: 'eventAllowed', actions: 'submitReturn' },
                ],
                RETURN_REOPENED: returnReopened,
                AUDITS_CLOSED: {
                  guard: 'eventAllowed',
                  target: 'auditMeeting',
                  actions: 'closeAudits',
                },
                MEETING_DATE_CHANGED: meetingDateChange,
              },
            },
            // A late return may still come in, and a submitted one be reopened, until the meeting.
            auditMeeting: {
              meta: meta(
                STAGES.auditMeeting,
                STEPS.meetingPapers,
                STEPS.holdMeeting,
                STEPS.lateReturns,
              ),
              on: {
                RETURN_SAVED: returnSaved,
                RETURN_SUBMITTED: { guard: 'eventAllowed', actions: 'submitReturn' },
                RETURN_REOPENED: returnReopened,
                MEETING_DATE_CHANGED: meetingDateChange,
                MEETING_HELD: {
                  guard: 'eventAllowed',
                  target: 'overviewReport',
                  actions: 'recordMeeting',
                },
              },
            },
            overviewReport: {
              meta: meta(STAGES.overviewReport, STEPS.writeReport),
              on: {
                REPORT_SUBMITTED: {
                  guard: 'eventAllowed',
                  target: 'approval',
                  actions: 'submitReport',
                },
              },
            },
            reportRevision: {
              meta: meta(STAGES.overviewReport, STEPS.reviseReport),
              on: {
                REPORT_SUBMITTED: {
                  guard: 'eventAllowed',
                  target: 'approval',
                  actions: 'submitReport',
                },
              },
            },
            approval: {
              meta: meta(STAGES.approval, STEPS.approveReport),
              on: {
                REPORT_APPROVED: {
                  guard: 'eventAllowed',
                  target: 'actionPlan',
                  actions: 'approveReport',
                },
                REPORT_SENT_BACK: {
                  guard: 'eventAllowed',
                  target: 'reportRevision',
                  actions: 'sendReportBack',
                },
              },
            },
            actionPlan: {
              meta: meta(STAGES.actionPlan, STEPS.agreeActionPlan),
              on: {
                ACTION_PLAN_AGREED: {
                  guard: 'eventAllowed',
                  target: 'sharingLearning',
                  actions: 'agreeActionPlan',
                },
              },
            },
            sharingLearning: {
              meta: meta(STAGES.learning, STEPS.shareLearning),
              on: {
                LEARNING_SHARED: {
                  guard: 'eventAllowed',
                  target: 'closure',
                  actions: 'shareLearning',
                },
              },
            },
            closure: {
              meta: meta(STAGES.closure, STEPS.closeAudit),
              on: {
                AUDIT_CLOSED: {
                  guard: 'eventAllowed',
                  target: '#case-file-audit.closed',
                  actions: 'closeAudit',
                },
              },
            },
          },
        },
        // No stage here: the stages list follows the audit region.
        concerns: {
          initial: 'noneOpen',
          states: {
            noneOpen: {
              on: { CONCERN_RAISED: concernRaised },
            },
            open: {
              meta: { steps: [STEPS.recordConcernAction] },
              on: {
                CONCERN_RAISED: concernRaised,
                CONCERN_ACTIONED: [
                  {
                    ...concernActioned,
                    guard: and(['eventAllowed', 'actionsLastOpenConcern']),
                    target: 'noneOpen',
                  },
                  { ...concernActioned, guard: 'eventAllowed' },
                ],
              },
            },
          },
        },
      },
    },
    closed: { type: 'final', meta: { stage: STAGES.closed, final: true } },
    cancelled: { type: 'final', meta: { stage: STAGES.cancelled, final: true } },
  },
});

export type CaseFileAuditMachine = typeof caseFileAuditMachine;
