/** Learning review timescale: about six months from scoping to the approved report. */
import type { BusinessCalendar } from '../../src/calendar';
import { monthTimescale, type Timescale } from '../review-shared/timescales';
import type { IsoDate } from '../shared/due-rule';
import type { LearningReviewContext } from './learning-review.types';

/** SILP runs 16 weeks to 6 months; the other methods are planned to the same outer limit. */
export const LEARNING_REVIEW_MONTHS = 6;

export function learningReviewTimescales(
  context: LearningReviewContext,
  today: IsoDate,
  calendar: BusinessCalendar,
): Timescale[] {
  const { scopeAgreedOn, approvedOn } = context.dates;
  if (!scopeAgreedOn) return [];
  return [
    monthTimescale({
      key: 'review',
      name: 'Review',
      start: scopeAgreedOn,
      months: LEARNING_REVIEW_MONTHS,
      since: 'scoping',
      completedOn: approvedOn,
      today,
      calendar,
    }),
  ];
}
