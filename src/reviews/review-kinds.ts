/**
 * The three review workflows as the reviews module serves them: how each one's start details are
 * checked, its timescales computed, which information returns its agencies send, and which event
 * records each return. Pure: no Nest, no I/O.
 */
import type { BusinessCalendar, IsoDate } from '../calendar';
import { learningReviewInputProblems } from '../../workflows/learning-review/learning-review.input';
import type { LearningReviewContext } from '../../workflows/learning-review/learning-review.types';
import { learningReviewTimescales } from '../../workflows/learning-review/timescales';
import { practiceReviewInputProblems } from '../../workflows/practice-review/practice-review.input';
import type { PracticeReviewContext } from '../../workflows/practice-review/practice-review.types';
import { practiceReviewTimescales } from '../../workflows/practice-review/timescales';
import type { InputProblem } from '../../workflows/review-shared/review-input';
import type { Timescale } from '../../workflows/review-shared/timescales';
import { seriousCaseReviewInputProblems } from '../../workflows/serious-case-review/serious-case-review.input';
import type { SeriousCaseReviewContext } from '../../workflows/serious-case-review/serious-case-review.types';
import { seriousCaseReviewTimescales } from '../../workflows/serious-case-review/timescales';

export const REVIEW_KINDS = ['practice-review', 'serious-case-review', 'learning-review'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export function isReviewKind(value: unknown): value is ReviewKind {
  return typeof value === 'string' && (REVIEW_KINDS as readonly string[]).includes(value);
}

/** One kind of information return an agency sends to a review, and the event that records it. */
export interface ReturnKindSpec {
  kind: string;
  /** Plain words for messages, e.g. "rapid review summary". */
  title: string;
  eventType: string;
  /** Context key of the agencies asked for it. */
  askedKey: string;
  /** Context key of the agencies it is still awaited from. */
  awaitedKey: string;
}

export interface ReviewKindSpec {
  kind: ReviewKind;
  inputProblems(input: unknown, today: IsoDate): InputProblem[];
  timescales(context: unknown, today: IsoDate, calendar: BusinessCalendar): Timescale[];
  returns: readonly ReturnKindSpec[];
  /** The event a panel member's comments on the open round are recorded with. */
  commentsEvent: 'COMMENTS_SUBMITTED';
}

export const REVIEW_KIND_SPECS: Readonly<Record<ReviewKind, ReviewKindSpec>> = {
  'practice-review': {
    kind: 'practice-review',
    inputProblems: practiceReviewInputProblems,
    timescales: (context, today, calendar) =>
      practiceReviewTimescales(context as PracticeReviewContext, today, calendar),
    returns: [
      {
        kind: 'rapid-review-summary',
        title: 'rapid review summary',
        eventType: 'AGENCY_SUMMARY_SUBMITTED',
        askedKey: 'agenciesAskedForSummaries',
        awaitedKey: 'summariesAwaitedFrom',
      },
      {
        kind: 'chronology-and-agency-report',
        title: 'chronology and agency report',
        eventType: 'AGENCY_INFORMATION_SUBMITTED',
        askedKey: 'agenciesAskedForInformation',
        awaitedKey: 'informationAwaitedFrom',
      },
    ],
    commentsEvent: 'COMMENTS_SUBMITTED',
  },
  'serious-case-review': {
    kind: 'serious-case-review',
    inputProblems: seriousCaseReviewInputProblems,
    timescales: (context, today, calendar) =>
      seriousCaseReviewTimescales(context as SeriousCaseReviewContext, today, calendar),
    returns: [
      {
        kind: 'chronology',
        title: 'chronology',
        eventType: 'CHRONOLOGY_SUBMITTED',
        askedKey: 'agenciesAskedForImrs',
        awaitedKey: 'chronologiesAwaitedFrom',
      },
      {
        kind: 'imr',
        title: 'individual management review',
        eventType: 'IMR_SUBMITTED',
        askedKey: 'agenciesAskedForImrs',
        awaitedKey: 'imrsAwaitedFrom',
      },
    ],
    commentsEvent: 'COMMENTS_SUBMITTED',
  },
  'learning-review': {
    kind: 'learning-review',
    inputProblems: learningReviewInputProblems,
    timescales: (context, today, calendar) =>
      learningReviewTimescales(context as LearningReviewContext, today, calendar),
    returns: [
      {
        kind: 'agency-report',
        title: 'agency report',
        eventType: 'AGENCY_REPORT_SUBMITTED',
        askedKey: 'agenciesAskedForReports',
        awaitedKey: 'reportsAwaitedFrom',
      },
    ],
    commentsEvent: 'COMMENTS_SUBMITTED',
  },
};

/** Every return kind any review takes, for validation messages. */
export const RETURN_KINDS = [
  ...new Set(Object.values(REVIEW_KIND_SPECS).flatMap((spec) => spec.returns.map((r) => r.kind))),
];

export function returnSpec(kind: ReviewKind, returnKind: string): ReturnKindSpec | undefined {
  return REVIEW_KIND_SPECS[kind].returns.find((spec) => spec.kind === returnKind);
}

/**
 * Events that carry content this module keeps (an agency's return, a panel member's comments):
 * they are sent by submitting the return or the comments, so the content and the event commit
 * together.
 */
export function contentEventEndpoint(kind: ReviewKind, eventType: string): string | null {
  if (eventType === REVIEW_KIND_SPECS[kind].commentsEvent) {
    return 'POST /api/reviews/{instanceId}/comments/{commentId}/submit';
  }
  return REVIEW_KIND_SPECS[kind].returns.some((spec) => spec.eventType === eventType)
    ? 'POST /api/reviews/{instanceId}/returns/{returnId}/submit'
    : null;
}
