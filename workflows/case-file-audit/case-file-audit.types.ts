import type { IsoDate } from '../shared/due-rule';
import type { ActorContext } from '../shared/roles';
import type { WorkflowContextBase } from '../shared/steps';
import type { Grade } from './grades';

/** The named dates of one audit cycle; due rules read them from `context.dates`. */
export type CaseFileAuditAnchor =
  | 'openedOn'
  | 'plannedOn'
  | 'casesSelectedOn'
  | 'involvementRequestedOn'
  | 'auditsRequestedOn'
  | 'auditsClosedOn'
  | 'meetingOn'
  | 'meetingHeldOn'
  | 'reportSubmittedOn'
  | 'reportSentBackOn'
  | 'approvalMeetingOn'
  | 'reportApprovedOn'
  | 'actionPlanAgreedOn'
  | 'learningSharedOn'
  | 'oldestOpenConcernRaisedOn'
  | 'closedOn'
  | 'cancelledOn';

export interface AuditPlan {
  /** e.g. "Child protection plans with a domestic abuse component". Never case content. */
  theme: string;
  scope: string;
  lookBackMonths: number;
  auditTool: { id: string; version: number };
  meetingOn: IsoDate;
}

/** A case is known only by its pseudonym; identifying details live in the audits module. */
export interface AuditCase {
  /** A single capital letter, e.g. `A`. */
  key: string;
  /** e.g. `Case A`. */
  pseudonym: string;
}

export type ReturnStatus = 'not-started' | 'draft' | 'submitted' | 'reopened';

/**
 * Where one agency's audit of one case stands. The return itself (grades, strengths, areas for
 * development, free text) lives in the audits module, never in the machine.
 */
export interface AgencyReturn {
  agencyId: string;
  caseKey: string;
  status: ReturnStatus;
  /** The first time it was submitted. */
  submittedOn: IsoDate | null;
  /** First submitted after the business unit closed the single-agency audits. */
  late: boolean;
  reopenCount: number;
}

/** An immediate concern about a child. Its text and what was done live in the audits module. */
export interface ImmediateConcern {
  id: string;
  raisedBy: string | null;
  raisedByAgencyId: string | null;
  caseKey: string | null;
  raisedOn: IsoDate;
  status: 'open' | 'actioned';
  actionedBy: string | null;
  actionedOn: IsoDate | null;
}

/** A due date or the meeting date moved by the business unit, with why. */
export interface DateChange {
  /** A step key, or `meetingOn`. */
  subject: string;
  from: IsoDate | null;
  to: IsoDate;
  reason: string;
  changedBy: string | null;
  changedOn: IsoDate;
}

export const LEARNING_FORMATS = [
  'bulletin',
  'seven-minute-briefing',
  'learning-event',
  'other',
] as const;
export type LearningFormat = (typeof LEARNING_FORMATS)[number];

export const CLOSURE_OUTCOMES = ['actions-complete', 'moved-to-improvement-plan'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

export interface CaseFileAuditContext extends WorkflowContextBase {
  plan: AuditPlan | null;
  cases: AuditCase[];
  /** Agencies asked about involvement. */
  agencyIds: string[];
  /** Each asked agency's answer: the keys of the cases it had contact with. */
  involvement: Record<string, string[]>;
  /** Asked agencies that have not answered yet (the involvement-check tasks). */
  agenciesAwaitingInvolvement: string[];
  /** Agencies that had contact with at least one case. */
  involvedAgencyIds: string[];
  /** Involved agencies with a return not yet submitted (the audit-return tasks). */
  agenciesWithReturnsOutstanding: string[];
  /** One per agency and case the agency had contact with. */
  returns: AgencyReturn[];
  /** Set by the chair at the meeting, by case key. */
  moderatedGrades: Record<string, Grade>;
  /** Ids in the recommendations module, as last submitted with the overview report. */
  recommendationIds: string[];
  /** How many times approval sent the report back. */
  reportSentBackCount: number;
  learningFormat: LearningFormat | null;
  closureOutcome: ClosureOutcome | null;
  concerns: ImmediateConcern[];
  dateChanges: DateChange[];
}

export interface CaseFileAuditInput {
  /** The London date the audit was opened. */
  openedOn: IsoDate;
}

/**
 * Every event carries `on`, the London date it is applied (the engine or API sets it to today:
 * the pure machine has no clock), and `actor`, attached by the engine.
 */
interface Stamp {
  on: IsoDate;
  actor: ActorContext;
}

export type CaseFileAuditEvent = Stamp &
  (
    | {
        type: 'PLAN_AGREED';
        theme: string;
        scope: string;
        lookBackMonths: number;
        auditToolId: string;
        auditToolVersion: number;
        meetingOn: IsoDate;
      }
    | { type: 'MEETING_DATE_CHANGED'; meetingOn: IsoDate; reason: string }
    | { type: 'CASES_SELECTED'; caseKeys: string[]; agencyIds: string[] }
    | { type: 'INVOLVEMENT_CONFIRMED'; agencyId: string; caseKeys: string[] }
    | { type: 'RETURN_SAVED'; agencyId: string; caseKey: string }
    | { type: 'RETURN_SUBMITTED'; agencyId: string; caseKey: string }
    | { type: 'RETURN_REOPENED'; agencyId: string; caseKey: string; reason: string }
    | { type: 'AUDITS_CLOSED' }
    | { type: 'MEETING_HELD'; heldOn: IsoDate; moderatedGrades: Record<string, Grade> }
    | { type: 'REPORT_SUBMITTED'; recommendationIds: string[]; approvalMeetingOn?: IsoDate }
    | { type: 'REPORT_APPROVED' }
    | { type: 'REPORT_SENT_BACK'; reason: string }
    | { type: 'ACTION_PLAN_AGREED' }
    | { type: 'LEARNING_SHARED'; format: LearningFormat }
    | { type: 'AUDIT_CLOSED'; outcome: ClosureOutcome }
    | { type: 'AUDIT_CANCELLED'; reason: string }
    | { type: 'DUE_DATE_CHANGED'; stepKey: string; dueOn: IsoDate; reason: string }
    | { type: 'CONCERN_RAISED'; concernId: string; caseKey?: string }
    | { type: 'CONCERN_ACTIONED'; concernId: string }
  );

export type CaseFileAuditEventType = CaseFileAuditEvent['type'];

export type EventOf<T extends CaseFileAuditEventType> = Extract<CaseFileAuditEvent, { type: T }>;
