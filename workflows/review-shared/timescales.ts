/**
 * Progress against statutory timescales, computed from a review's dates (never typed in):
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
import type { PublicationDates } from './publication';
import type { StepDownDates } from './step-down';

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

/**
 * A statutory review's own timescale in months from its start, done when the report is published,
 * or when publication is deferred or the review stepped down.
 */
export function statutoryReviewTimescale(args: {
  start: IsoDate;
  months: number;
  /** What the start is, e.g. "decision". */
  since: string;
  dates: PublicationDates & StepDownDates;
  today: IsoDate;
  calendar: BusinessCalendar;
}): Timescale {
  const { dates } = args;
  return monthTimescale({
    key: 'review',
    name: 'Review',
    start: args.start,
    months: args.months,
    since: args.since,
    completedOn: dates.publishedOn ?? dates.deferredOn ?? dates.steppedDownOn,
    today: args.today,
    calendar: args.calendar,
  });
}
