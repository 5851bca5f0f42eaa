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
  PublicationContext,
  PublicationDates,
  PublicationEvent,
} from '../review-shared/publication';
import type {
  IncidentKind,
  OtherLearning,
  SteppedDownEvent,
  WithActor,
} from '../review-shared/review.types';
import type { StepDownContext, StepDownDates } from '../review-shared/step-down';
import type { IsoDate } from '../shared/due-rule';
import type { WorkflowContextBase } from '../shared/steps';

/** The partnership (LSCB) chair's decision on a notification. */
export const SCR_DECISIONS = ['scr', 'no-scr'] as const;
export type ScrDecision = (typeof SCR_DECISIONS)[number];

/** Anchor dates the due rules and timescales read; each is set by the event that records it. */
export type SeriousCaseReviewDates = DraftReportDates &
  PublicationDates &
  ActionPlanDates &
  StepDownDates & {
    /** The board was notified of the serious incident. */
    notifiedOn: IsoDate;
    decisionOn?: IsoDate;
    /** The SCR was initiated: the date of the decision to hold one. */
    initiatedOn?: IsoDate;
    termsOfReferenceAgreedOn?: IsoDate;
    chronologiesDueOn?: IsoDate;
    imrsDueOn?: IsoDate;
    boardApprovedOn?: IsoDate;
  };

export interface SeriousCaseReviewInput {
  /** e.g. "Child H": never a name. */
  pseudonym: string;
  notifiedOn: IsoDate;
  childLookedAfter: boolean;
  incidentKind: IncidentKind;
}

export interface SeriousCaseReviewContext
  extends
    WorkflowContextBase,
    DraftReportContext,
    PublicationContext,
    ActionPlanContext,
    StepDownContext {
  dates: SeriousCaseReviewDates;
  pseudonym: string;
  childLookedAfter: boolean;
  incidentKind: IncidentKind;
  decision: ScrDecision | null;
  otherLearning: OtherLearning | null;
  /** The SCR panel's independent chair. */
  panelChairPersonId: string | null;
  /** The independent author (the reviewer). */
  authorPersonId: string | null;
  agenciesAskedForImrs: string[];
  /** Agencies whose chronology is still awaited: one task each. */
  chronologiesAwaitedFrom: string[];
  /** Agencies whose individual management review is still awaited: one task each. */
  imrsAwaitedFrom: string[];
  /** Step keys whose timescale passed before the step was done. */
  missedTimescales: string[];
}

type PersonEvent =
  | {
      type: 'INCIDENT_DETAILS_CORRECTED';
      notifiedOn?: IsoDate;
      pseudonym?: string;
      childLookedAfter?: boolean;
      incidentKind?: IncidentKind;
    }
  | {
      type: 'SCR_DECIDED';
      decision: ScrDecision;
      decidedOn: IsoDate;
      otherLearning?: OtherLearning;
    }
  | { type: 'SCR_PANEL_CHAIR_APPOINTED'; personId: string }
  | { type: 'AUTHOR_APPOINTED'; personId: string }
  | { type: 'TERMS_OF_REFERENCE_AGREED'; agreedOn: IsoDate }
  | { type: 'IMRS_REQUESTED'; agencyIds: string[]; chronologiesDueOn: IsoDate; imrsDueOn: IsoDate }
  | { type: 'CHRONOLOGY_SUBMITTED'; agencyId: string }
  | { type: 'IMR_SUBMITTED'; agencyId: string }
  | { type: 'BOARD_APPROVED'; approvedOn: IsoDate }
  | DraftReportEvent
  | PublicationEvent
  | ActionPlanEvent
  | SteppedDownEvent;

/** Sent by the engine when a month passes from the notification without a decision. */
type SystemEvent = { type: 'SCR_DECISION_OVERDUE' };

export type SeriousCaseReviewPersonEventType = PersonEvent['type'];
export type SeriousCaseReviewSystemEventType = SystemEvent['type'];
export type SeriousCaseReviewEvent = WithActor<PersonEvent | SystemEvent>;
