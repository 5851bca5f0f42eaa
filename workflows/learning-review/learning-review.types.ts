import type {
  ActionPlanContext,
  ActionPlanDates,
  ActionPlanEvent,
} from '../review-shared/action-plan';
import type {
  DraftReportContext,
  DraftReportDates,
  DraftReportEvent,
} from '../review-shared/draft-report';
import type {
  EngagementContext,
  EngagementDates,
  EngagementEvent,
} from '../review-shared/engagement';
import type {
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
export type LearningReviewDates = EngagementDates &
  DraftReportDates &
  ActionPlanDates & {
    referredOn: IsoDate;
    scopeAgreedOn?: IsoDate;
    agencyReportsDueOn?: IsoDate;
    approvedOn?: IsoDate;
    briefingPublishedOn?: IsoDate;
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

export interface LearningReviewContext
  extends WorkflowContextBase, EngagementContext, DraftReportContext, ActionPlanContext {
  dates: LearningReviewDates;
  pseudonym: string;
  referralSource: ReferralSource;
  reviewerPersonId: string | null;
  scope: LearningReviewScope | null;
  agenciesAskedForReports: string[];
  /** Agencies whose report is still awaited: one task each. */
  reportsAwaitedFrom: string[];
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
  | { type: 'REPORT_APPROVED'; approvedOn: IsoDate }
  | { type: 'BRIEFING_PUBLISHED'; publishedOn: IsoDate; format: BriefingFormat }
  | EngagementEvent
  | DraftReportEvent
  | ActionPlanEvent;

export type LearningReviewEventType = PersonEvent['type'];
export type LearningReviewEvent = WithActor<PersonEvent>;
