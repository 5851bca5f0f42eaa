import type {
  CommentRound,
  FamilyInvolvement,
  FamilyNotInvolvedReason,
  ReviewLink,
  ReviewLinks,
  ReviewMethod,
  WithActor,
} from '../review-shared/review.types';
import type { IsoDate } from '../shared/due-rule';
import type { WorkflowContextBase } from '../shared/steps';

/** Where a learning review came from. */
export const REFERRAL_SOURCES = [
  'rapid-review',
  'step-down',
  'agency',
  'audit-group',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const BRIEFING_FORMATS = [
  'learning-and-improvement-briefing',
  'seven-minute-briefing',
] as const;
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number];

/** Anchor dates the due rules and timescales read; each is set by the event that records it. */
export type LearningReviewDates = {
  referredOn: IsoDate;
  scopeAgreedOn?: IsoDate;
  agencyReportsDueOn?: IsoDate;
  practitionerEventOn?: IsoDate;
  commentRoundDueOn?: IsoDate;
  /** The review group chair signed off the final report. */
  panelSignedOffOn?: IsoDate;
  approvedOn?: IsoDate;
  briefingPublishedOn?: IsoDate;
  actionPlanClosedOn?: IsoDate;
};

export interface LearningReviewInput {
  /** e.g. "Child H": never a name. */
  pseudonym: string;
  referredOn: IsoDate;
  referralSource: ReferralSource;
  /** The practice review or SCR this one continues, when it was stepped down. */
  steppedDownFrom?: ReviewLink;
}

/** What the review group chair agreed at scoping. */
export interface LearningReviewScope {
  method: ReviewMethod;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  agencyIds: string[];
}

export interface LearningReviewContext extends WorkflowContextBase {
  dates: LearningReviewDates;
  pseudonym: string;
  referralSource: ReferralSource;
  reviewerPersonId: string | null;
  scope: LearningReviewScope | null;
  agenciesAskedForReports: string[];
  /** Agencies whose report is still awaited: one task each. */
  reportsAwaitedFrom: string[];
  family: FamilyInvolvement;
  draftsSubmitted: number;
  commentRounds: CommentRound[];
  briefingFormat: BriefingFormat | null;
  links: ReviewLinks;
}

type PersonEvent =
  | { type: 'REVIEWER_APPOINTED'; reviewerPersonId: string }
  | {
      type: 'SCOPE_AGREED';
      agreedOn: IsoDate;
      method: ReviewMethod;
      periodFrom: IsoDate;
      periodTo: IsoDate;
      agencyIds: string[];
    }
  /** Asks the scoped agencies, or those named. */
  | { type: 'AGENCY_REPORTS_REQUESTED'; dueOn: IsoDate; agencyIds?: string[] }
  | { type: 'AGENCY_REPORT_SUBMITTED'; agencyId: string }
  | { type: 'PRACTITIONER_EVENT_SCHEDULED'; eventOn: IsoDate }
  | { type: 'PRACTITIONER_EVENT_HELD'; heldOn: IsoDate }
  | { type: 'FAMILY_INVITED'; invitedOn: IsoDate }
  | { type: 'FAMILY_MET'; metOn: IsoDate }
  | { type: 'FAMILY_DECLINED'; declinedOn: IsoDate }
  | { type: 'FAMILY_NOT_INVOLVED'; reason: FamilyNotInvolvedReason }
  | { type: 'DRAFT_SUBMITTED' }
  | { type: 'COMMENT_ROUND_OPENED'; dueOn: IsoDate }
  | { type: 'COMMENTS_SUBMITTED' }
  | { type: 'COMMENT_ROUND_CLOSED' }
  | { type: 'PANEL_SIGNED_OFF'; signedOffOn: IsoDate }
  | { type: 'CHANGES_REQUESTED' }
  | { type: 'REPORT_APPROVED'; approvedOn: IsoDate }
  | { type: 'BRIEFING_PUBLISHED'; publishedOn: IsoDate; format: BriefingFormat }
  | { type: 'ACTION_PLAN_CLOSED'; closedOn: IsoDate };

export type LearningReviewEventType = PersonEvent['type'];
export type LearningReviewEvent = WithActor<PersonEvent>;
