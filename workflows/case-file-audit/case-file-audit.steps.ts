import type { StateMeta, StepDeclaration } from '../shared/steps';
import type { CaseFileAuditAnchor } from './case-file-audit.types';

/**
 * Default timings (domain.md, "Process 1"). A state's due rule is fixed per definition version; the
 * business unit moves one audit's date with DUE_DATE_CHANGED, which wins over the rule.
 */
export const CASE_FILE_AUDIT_TIMINGS = {
  involvementCheckWorkingDays: 5,
  returnsWorkingDaysBeforeMeeting: 10,
  /** Not in the domain doc: time for the business unit to put returns side by side. */
  papersWorkingDaysBeforeMeeting: 2,
  overviewReportWorkingDaysAfterMeeting: 20,
  /** Not in the domain doc: a revision after approval sent the report back. */
  revisionWorkingDaysAfterSendBack: 10,
  /** Not in the domain doc: recording what was done about an immediate concern. */
  concernActionWorkingDays: 1,
} as const;

const anchor = (name: CaseFileAuditAnchor): string => name;

/** Every step the machine opens. Titles go into emails: plain, never case content. */
export const STEPS = {
  agreePlan: {
    key: 'agree-audit-plan',
    title: 'Agree the audit plan',
    assignee: { kind: 'partnership-role', role: 'business-manager' },
  },
  selectCases: {
    key: 'select-audit-cases',
    title: 'Select the audit cases and the agencies to ask',
    assignee: { kind: 'partnership-role', role: 'business-officer' },
  },
  confirmInvolvement: {
    key: 'confirm-agency-involvement',
    title: 'Confirm which audit cases your agency had contact with',
    assignee: { kind: 'each-agency', contextKey: 'agenciesAwaitingInvolvement' },
    due: {
      kind: 'working-days-after',
      anchor: anchor('involvementRequestedOn'),
      days: CASE_FILE_AUDIT_TIMINGS.involvementCheckWorkingDays,
    },
  },
  agencyReturns: {
    key: 'complete-agency-audit-returns',
    title: "Complete your agency's audit returns",
    assignee: { kind: 'each-agency', contextKey: 'agenciesWithReturnsOutstanding' },
    due: {
      kind: 'working-days-before',
      anchor: anchor('meetingOn'),
      days: CASE_FILE_AUDIT_TIMINGS.returnsWorkingDaysBeforeMeeting,
    },
  },
  lateReturns: {
    key: 'submit-late-audit-returns',
    title: "Submit your agency's outstanding audit returns before the meeting",
    assignee: { kind: 'each-agency', contextKey: 'agenciesWithReturnsOutstanding' },
    due: { kind: 'fixed', anchor: anchor('meetingOn') },
  },
  meetingPapers: {
    key: 'prepare-audit-meeting-papers',
    title: 'Prepare the papers for the audit meeting',
    assignee: { kind: 'partnership-role', role: 'business-officer' },
    due: {
      kind: 'working-days-before',
      anchor: anchor('meetingOn'),
      days: CASE_FILE_AUDIT_TIMINGS.papersWorkingDaysBeforeMeeting,
    },
  },
  holdMeeting: {
    key: 'hold-audit-meeting',
    title: 'Chair the audit meeting and record the moderated grades',
    assignee: { kind: 'instance-role', role: 'panel-chair' },
    due: { kind: 'fixed', anchor: anchor('meetingOn') },
  },
  writeReport: {
    key: 'write-overview-report',
    title: 'Write the overview report and its recommendations',
    assignee: { kind: 'partnership-role', role: 'business-manager' },
    due: {
      kind: 'working-days-after',
      anchor: anchor('meetingHeldOn'),
      days: CASE_FILE_AUDIT_TIMINGS.overviewReportWorkingDaysAfterMeeting,
    },
  },
  reviseReport: {
    key: 'revise-overview-report',
    title: 'Revise the overview report sent back at approval',
    assignee: { kind: 'partnership-role', role: 'business-manager' },
    due: {
      kind: 'working-days-after',
      anchor: anchor('reportSentBackOn'),
      days: CASE_FILE_AUDIT_TIMINGS.revisionWorkingDaysAfterSendBack,
    },
  },
  approveReport: {
    key: 'approve-overview-report',
    title: 'Approve the overview report and its recommendations',
    assignee: { kind: 'partnership-role', role: 'partnership-chair' },
    due: { kind: 'fixed', anchor: anchor('approvalMeetingOn') },
  },
  agreeActionPlan: {
    key: 'agree-action-plan',
    title: 'Agree the action plan for the recommendations',
    assignee: { kind: 'partnership-role', role: 'business-manager' },
  },
  shareLearning: {
    key: 'share-audit-learning',
    title: 'Publish the learning from the audit',
    assignee: { kind: 'partnership-role', role: 'business-officer' },
  },
  closeAudit: {
    key: 'close-audit',
    title: 'Close the audit when its actions are complete',
    assignee: { kind: 'instance-role', role: 'panel-chair' },
  },
  recordConcernAction: {
    key: 'record-immediate-concern-action',
    title: 'Record what was done about an immediate concern',
    assignee: { kind: 'partnership-role', role: 'business-manager' },
    due: {
      kind: 'working-days-after',
      anchor: anchor('oldestOpenConcernRaisedOn'),
      days: CASE_FILE_AUDIT_TIMINGS.concernActionWorkingDays,
    },
  },
} as const satisfies Record<string, StepDeclaration>;

export type CaseFileAuditStepKey = (typeof STEPS)[keyof typeof STEPS]['key'];

export const STEP_KEYS: readonly CaseFileAuditStepKey[] = Object.values(STEPS).map(
  (step) => step.key,
);

export function isStepKey(value: unknown): value is CaseFileAuditStepKey {
  return typeof value === 'string' && (STEP_KEYS as readonly string[]).includes(value);
}

export const STAGES = {
  planning: 'Planning',
  caseSelection: 'Case selection',
  involvementCheck: 'Involvement check',
  singleAgencyAudits: 'Single-agency audits',
  auditMeeting: 'Audit meeting',
  overviewReport: 'Overview report',
  approval: 'Approval',
  actionPlan: 'Action plan',
  learning: 'Learning shared',
  closure: 'Closure',
  closed: 'Closed',
  cancelled: 'Cancelled',
} as const;

export function meta(stage: string, ...steps: StepDeclaration[]): StateMeta {
  return { stage, steps };
}
