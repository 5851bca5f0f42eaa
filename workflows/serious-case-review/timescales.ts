/** Serious case review timescales: the decision within a month, the review within six. */
import type { BusinessCalendar } from '../../src/calendar';
import {
  monthTimescale,
  statutoryReviewTimescale,
  type Timescale,
} from '../review-shared/timescales';
import type { IsoDate } from '../shared/due-rule';
import type { SeriousCaseReviewContext } from './serious-case-review.types';

/** Completion aimed at six months from initiation. */
export const SERIOUS_CASE_REVIEW_MONTHS = 6;

export function seriousCaseReviewTimescales(
  context: SeriousCaseReviewContext,
  today: IsoDate,
  calendar: BusinessCalendar,
): Timescale[] {
  const { dates } = context;
  const timescales = [
    monthTimescale({
      key: 'scr-decision',
      name: 'SCR decision',
      start: dates.notifiedOn,
      months: 1,
      since: 'notification',
      completedOn: dates.decisionOn,
      today,
      calendar,
    }),
  ];
  if (dates.initiatedOn) {
    timescales.push(
      statutoryReviewTimescale({
        start: dates.initiatedOn,
        months: SERIOUS_CASE_REVIEW_MONTHS,
        since: 'initiation',
        dates,
        today,
        calendar,
      }),
    );
  }
  return timescales;
}
