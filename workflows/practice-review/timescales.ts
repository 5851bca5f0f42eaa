/**
 * Progress against statutory timescales, computed from the context's dates (never typed in):
 * "Rapid review: day 12 of 15", "Review: 4 months 10 days of 6 months since decision".
 */
import {
  monthProgress,
  workingDayProgress,
  type BusinessCalendar,
  type MonthProgress,
  type WorkingDayProgress,
} from '../../src/calendar';
import type { IsoDate } from '../shared/due-rule';
import type { PracticeReviewContext } from './practice-review.types';

export interface Timescale {
  key: string;
  /** Plain words, safe to show anywhere: dates and counts only. */
  label: string;
  progress: WorkingDayProgress | MonthProgress;
  /** When the work was done; progress is then measured to this date, not today. */
  completedOn: IsoDate | null;
}

/** A timescale counted in working days from `start`, e.g. 5 working days from awareness. */
export function workingDayTimescale(args: {
  key: string;
  name: string;
  start: IsoDate;
  days: number;
  completedOn: IsoDate | undefined;
  today: IsoDate;
  calendar: BusinessCalendar;
}): Timescale {
  const { calendar, start } = args;
  const completedOn = args.completedOn ?? null;
  const progress = workingDayProgress(
    start,
    calendar.addWorkingDays(start, args.days),
    completedOn ?? args.today,
    calendar,
  );
  const label = completedOn ? `done on ${progress.label}` : progress.label;
  return { key: args.key, label: `${args.name}: ${label}`, progress, completedOn };
}

/** A timescale counted in calendar months, e.g. 6 months since the decision to hold a review. */
export function monthTimescale(args: {
  key: string;
  name: string;
  start: IsoDate;
  months: number;
  /** What the start is, e.g. "decision": "… of 6 months since decision". */
  since: string;
  completedOn: IsoDate | undefined;
  today: IsoDate;
  calendar: BusinessCalendar;
}): Timescale {
  const completedOn = args.completedOn ?? null;
  const progress = monthProgress(args.start, args.months, completedOn ?? args.today, args.calendar);
  const overdueAt = progress.label.indexOf(' (');
  const [main, overdue] =
    overdueAt < 0
      ? [progress.label, '']
      : [progress.label.slice(0, overdueAt), progress.label.slice(overdueAt)];
  const label = `${completedOn ? 'done at ' : ''}${main} since ${args.since}${overdue}`;
  return { key: args.key, label: `${args.name}: ${label}`, progress, completedOn };
}

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
      monthTimescale({
        key: 'review',
        name: 'Review',
        start: dates.decisionOn,
        months: PRACTICE_REVIEW_MONTHS,
        since: 'decision',
        completedOn: dates.publishedOn ?? dates.deferredOn ?? dates.steppedDownOn,
        today,
        calendar,
      }),
    );
  }
  return timescales;
}
