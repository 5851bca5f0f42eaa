/**
 * Types shared by the three review workflows (practice review, serious case review, learning
 * review). Each machine keeps its own context; these are the pieces they have in common.
 */
import type { IsoDate } from '../shared/due-rule';
import type { ActorContext } from '../shared/roles';

/** Every event reaches a machine with the actor the engine attached. */
export type WithActor<TEvent> = TEvent & { actor?: ActorContext };

/** What happened to the child. A looked-after child's death is also notified to Ofsted and the Secretary of State. */
export const INCIDENT_KINDS = ['death', 'serious-harm'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Methods a review (statutory or not) can follow. */
export const REVIEW_METHODS = ['silp', 'systems', 'appreciative-inquiry', 'desktop'] as const;
export type ReviewMethod = (typeof REVIEW_METHODS)[number];

/** What follows when there is no statutory review. */
export const OTHER_LEARNING = [
  'learning-review',
  'single-agency-learning',
  'multi-agency-audit',
  'none',
] as const;
export type OtherLearning = (typeof OTHER_LEARNING)[number];

/** One round of panel comments on a draft, due on a date the panel chair sets. */
export interface CommentRound {
  number: number;
  dueOn: IsoDate;
  /** Person ids of the panel members who sent comments in this round. */
  commentsFrom: string[];
  closed: boolean;
}

export const FAMILY_NOT_INVOLVED_REASONS = [
  'not-appropriate',
  'no-contact-possible',
  'criminal-proceedings',
  'other',
] as const;
export type FamilyNotInvolvedReason = (typeof FAMILY_NOT_INVOLVED_REASONS)[number];

/** How the family was involved: invited, then met or declined; or a decision not to involve them. */
export interface FamilyInvolvement {
  status: 'undecided' | 'invited' | 'met' | 'declined' | 'not-involved';
  invitedOn?: IsoDate;
  /** When they met the reviewer or declined. */
  respondedOn?: IsoDate;
  notInvolvedReason?: FamilyNotInvolvedReason;
}

export const DEFERRAL_REASONS = ['criminal-proceedings', 'inquest', 'other'] as const;
export type DeferralReason = (typeof DEFERRAL_REASONS)[number];

export interface Deferral {
  reason: DeferralReason;
  /** Required when the reason is `other`. */
  note?: string;
  deferredOn: IsoDate;
  reviewAgainOn: IsoDate;
}

export interface PublicationRecord {
  status: 'not-published' | 'deferred' | 'published' | 'summary-of-improvements';
  /** Every deferral in order; the last one is current while the status is `deferred`. */
  deferrals: Deferral[];
  /** Why only a summary of improvements was published. */
  exceptionalCircumstances?: string;
}

/** Another workflow instance this one is linked to. */
export interface ReviewLink {
  workflowKey: string;
  instanceId: string;
}

export interface ReviewLinks {
  /** Set on a learning review started by stepping a statutory review down. */
  steppedDownFrom?: ReviewLink;
  /** Set on a statutory review stepped down, when the learning review's id was known. */
  steppedDownTo?: ReviewLink;
}

/**
 * Params of `effect.review-stepped-down`. The engine adds the instance id; the reviews module
 * starts the linked learning review (input `steppedDownFrom`). No child data travels here.
 */
export interface ReviewSteppedDownEffect {
  fromWorkflow: 'practice-review' | 'serious-case-review';
  panelAgreedOn: IsoDate;
  /** The learning review's id when the reviews module allocated it before sending the event. */
  learningReviewId: string | null;
}

/** The national Panel agrees to a step-down; the learning review's id is optional. */
export interface SteppedDownEvent {
  type: 'STEPPED_DOWN';
  panelAgreedOn: IsoDate;
  learningReviewId?: string;
}
