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
  PublicationContext,
  PublicationDates,
  PublicationEvent,
} from '../review-shared/publication';
import type {
  IncidentKind,
  OtherLearning,
  ReviewMethod,
  SteppedDownEvent,
  WithActor,
} from '../review-shared/review.types';
import type { StepDownContext, StepDownDates } from '../review-shared/step-down';
import type { IsoDate } from '../shared/due-rule';
import type { WorkflowContextBase } from '../shared/steps';

/** The decision of the lead safeguarding partners after the rapid review. */
export const RAPID_REVIEW_DECISIONS = ['practice-review', 'no-review', 'national-review'] as const;
export type RapidReviewDecision = (typeof RAPID_REVIEW_DECISIONS)[number];

export const PANEL_RESPONSES = ['agrees', 'disagrees'] as const;
export type PanelResponse = (typeof PANEL_RESPONSES)[number];

/** Anchor dates the due rules and timescales read; each is set by the event that records it. */
export type PracticeReviewDates = EngagementDates &
  DraftReportDates &
  PublicationDates &
  ActionPlanDates &
  StepDownDates & {
    /** The local authority became aware of the serious incident. */
    awareOn: IsoDate;
    notificationSentOn?: IsoDate;
    rapidReviewMeetingOn?: IsoDate;
    /** The (latest) decision of the lead safeguarding partners. */
    decisionOn?: IsoDate;
    rapidReviewSentToPanelOn?: IsoDate;
    panelResponseOn?: IsoDate;
    termsOfReferenceAgreedOn?: IsoDate;
    /** Agency chronologies and reports, due on the date the panel set. */
    informationDueOn?: IsoDate;
    partnersApprovedOn?: IsoDate;
    /** The final report went to the national Panel and the Department for Education. */
    reportSentToPanelOn?: IsoDate;
  };

/** The incident, as the business unit records it when it opens the review. */
export interface PracticeReviewInput {
  /** e.g. "Child H": never a name. */
  pseudonym: string;
  awareOn: IsoDate;
  childLookedAfter: boolean;
  incidentKind: IncidentKind;
}

export interface PracticeReviewContext
  extends
    WorkflowContextBase,
    EngagementContext,
    DraftReportContext,
    PublicationContext,
    ActionPlanContext,
    StepDownContext {
  dates: PracticeReviewDates;
  pseudonym: string;
  childLookedAfter: boolean;
  incidentKind: IncidentKind;
  /** The notification also went to Ofsted and the Secretary of State (a looked-after child died). */
  notifiedOfstedAndSecretaryOfState: boolean;
  agenciesAskedForSummaries: string[];
  /** Agencies whose rapid review summary is still awaited: one task each. */
  summariesAwaitedFrom: string[];
  /** Agencies whose summary had not arrived when the rapid review meeting was held. */
  summariesMissingAtMeeting: string[];
  decision: RapidReviewDecision | null;
  otherLearning: OtherLearning | null;
  panelResponse: PanelResponse | null;
  reviewerPersonId: string | null;
  method: ReviewMethod | null;
  panelConfirmed: boolean;
  agenciesAskedForInformation: string[];
  /** Agencies whose chronology and agency report are still awaited: one task each. */
  informationAwaitedFrom: string[];
  /** Step keys whose statutory timescale passed before the step was done. */
  missedTimescales: string[];
}

type PersonEvent =
  | {
      type: 'INCIDENT_DETAILS_CORRECTED';
      awareOn?: IsoDate;
      pseudonym?: string;
      childLookedAfter?: boolean;
      incidentKind?: IncidentKind;
    }
  | {
      type: 'SERIOUS_INCIDENT_NOTIFIED';
      sentOn: IsoDate;
      alsoSentToOfstedAndSecretaryOfState?: boolean;
    }
  | { type: 'AGENCY_SUMMARIES_REQUESTED'; agencyIds: string[]; dueOn?: IsoDate }
  | { type: 'AGENCY_SUMMARY_SUBMITTED'; agencyId: string }
  | { type: 'RAPID_REVIEW_MEETING_SCHEDULED'; meetingOn: IsoDate }
  | { type: 'RAPID_REVIEW_MEETING_HELD'; heldOn: IsoDate }
  | {
      type: 'RAPID_REVIEW_DECIDED';
      decision: RapidReviewDecision;
      decidedOn: IsoDate;
      otherLearning?: OtherLearning;
    }
  | { type: 'RAPID_REVIEW_SENT_TO_PANEL'; sentOn: IsoDate }
  | { type: 'PANEL_RESPONSE_RECORDED'; response: PanelResponse; respondedOn: IsoDate }
  | { type: 'REVIEWER_APPOINTED'; reviewerPersonId: string }
  | { type: 'TERMS_OF_REFERENCE_AGREED'; agreedOn: IsoDate; method: ReviewMethod }
  | { type: 'REVIEW_PANEL_CONFIRMED' }
  | { type: 'INFORMATION_REQUESTED'; agencyIds: string[]; dueOn: IsoDate }
  | { type: 'AGENCY_INFORMATION_SUBMITTED'; agencyId: string }
  | { type: 'REPORT_APPROVED'; approvedOn: IsoDate }
  | { type: 'FINAL_REPORT_SENT'; sentOn: IsoDate }
  | {
      type: 'SUMMARY_OF_IMPROVEMENTS_PUBLISHED';
      publishedOn: IsoDate;
      exceptionalCircumstances: string;
    }
  | EngagementEvent
  | DraftReportEvent
  | PublicationEvent
  | ActionPlanEvent
  | SteppedDownEvent;

/** Sent by the engine when the rapid review's 15 working days pass before it is sent to the Panel. */
type SystemEvent = { type: 'RAPID_REVIEW_OVERDUE' };

export type PracticeReviewPersonEventType = PersonEvent['type'];
export type PracticeReviewSystemEventType = SystemEvent['type'];
export type PracticeReviewEvent = WithActor<PersonEvent | SystemEvent>;
