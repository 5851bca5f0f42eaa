/** The practice review's statutory timescales: notification, rapid review, Panel response, review. */
import type { BusinessCalendar } from '../../src/calendar';
import {
  statutoryReviewTimescale,
  workingDayTimescale,
  type Timescale,
} from '../review-shared/timescales';
import type { IsoDate } from '../shared/due-rule';
import type { PracticeReviewContext } from './practice-review.types';

/** Whole review aimed at 6 months from the decision to hold it. */
export const PRACTICE_REVIEW_MONTHS = 6;

/** The practice review's timescales known so far, in the order they run. */
export function practiceReviewTimescales(
  context: PracticeReviewContext,
  today: IsoDate,
  calendar: BusinessCalendar,
): Timescale[] {
  const { dates } = context;
  const timescales: Timescale[] = [
    workingDayTimescale({
      key: 'serious-incident-notification',
      name: 'Serious incident notification',
      start: dates.awareOn,
      days: 5,
      completedOn: dates.notificationSentOn,
      today,
      calendar,
    }),
  ];
  if (dates.notificationSentOn) {
    timescales.push(
      workingDayTimescale({
        key: 'rapid-review',
        name: 'Rapid review',
        start: dates.notificationSentOn,
        days: 15,
        completedOn: dates.rapidReviewSentToPanelOn,
        today,
        calendar,
      }),
    );
  }
  if (dates.rapidReviewSentToPanelOn) {
    timescales.push(
      workingDayTimescale({
        key: 'national-panel-response',
        name: "National Panel's response",
        start: dates.rapidReviewSentToPanelOn,
        days: 10,
        completedOn: dates.panelResponseOn,
        today,
        calendar,
      }),
    );
  }
  if (context.decision === 'practice-review' && dates.decisionOn) {
    timescales.push(
      statutoryReviewTimescale({
        start: dates.decisionOn,
        months: PRACTICE_REVIEW_MONTHS,
        since: 'decision',
        dates,
        today,
        calendar,
      }),
    );
  }
  return timescales;
}
