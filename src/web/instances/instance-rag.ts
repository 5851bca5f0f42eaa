import { workingDayProgress, type BusinessCalendar, type IsoDate, type Rag } from '../../calendar';

/**
 * A task's RAG: the business calendar's working-day progress from the day it was opened to its
 * due date (amber from 80% of the time used or 2 working days left, red once past it).
 */
export function dueRag(
  openedOn: IsoDate,
  dueOn: IsoDate,
  today: IsoDate,
  calendar: BusinessCalendar,
): Rag {
  return workingDayProgress(openedOn < dueOn ? openedOn : dueOn, dueOn, today, calendar).rag;
}

/**
 * How a live audit or review is doing, one rule for the dashboard and its own page: a review by
 * the worst of its statutory timescales still running (`reviewProgress` of the reviews module),
 * an audit — or a review with none running — by its soonest-due open task. Null when nothing is due.
 */
export function instanceRag(
  timescalesRag: Rag | null,
  nextDue: { dueOn: IsoDate; openedOn: IsoDate } | null,
  today: IsoDate,
  calendar: BusinessCalendar,
): Rag | null {
  if (timescalesRag !== null) return timescalesRag;
  return nextDue ? dueRag(nextDue.openedOn, nextDue.dueOn, today, calendar) : null;
}
