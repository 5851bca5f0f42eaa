import type { BusinessCalendar, IsoDate, Rag } from '../calendar';

/**
 * How an open action is rated, computed on every read from its due date, its owner's last report
 * and today in Europe/London (never stored):
 * - overdue and red: today is after the due date (it is on time all through its due day);
 * - amber: due within `AMBER_WITHIN_WORKING_DAYS` working days (England and Wales bank holidays
 *   excluded), or the owner has reported nothing — no progress update, no request to close — since
 *   the same date `STALE_AFTER_MONTHS` calendar months ago (counting from when the action was
 *   added if they never have);
 * - green: otherwise, and for every complete action.
 * An action awaiting the subgroup's agreement is still open: it can go red while it waits.
 */
export const AMBER_WITHIN_WORKING_DAYS = 10;
export const STALE_AFTER_MONTHS = 3;

export type RagReason = 'overdue' | 'due-soon' | 'no-recent-progress';
export const RAG_VALUES: readonly Rag[] = ['red', 'amber', 'green'];

/** The dates the rule compares with, for one "today". */
export interface RagThresholds {
  today: IsoDate;
  /** Open actions due before this date (and not overdue) have at most 10 working days left. */
  amberDueBefore: IsoDate;
  /** Open actions whose owner last reported before this instant have gone quiet. */
  staleBefore: Date;
}

export function ragThresholds(now: Date, calendar: BusinessCalendar): RagThresholds {
  const today = calendar.todayInLondon(now);
  return {
    today,
    // Working days after today up to a date before the 11th working day number at most 10.
    amberDueBefore: calendar.addWorkingDays(today, AMBER_WITHIN_WORKING_DAYS + 1),
    staleBefore: calendar.londonWallClockToUtc(
      calendar.addCalendarMonths(today, -STALE_AFTER_MONTHS),
      0,
    ),
  };
}

/**
 * The rule as SQL over an `actions` row alias and the owner's last report time, with the
 * thresholds bound as parameters (`today` and `amberDueBefore` dates, `staleBefore` timestamptz).
 * One definition serves single reads, lists and list filters alike.
 */
export function ragSql(
  action: string,
  lastReportAt: string,
  params: { today: string; amberDueBefore: string; staleBefore: string },
): { overdue: string; rag: string; reason: string } {
  const overdue = `(${action}.status <> 'complete' AND ${action}.due_on < ${params.today}::date)`;
  const dueSoon = `${action}.due_on < ${params.amberDueBefore}::date`;
  const quiet = `coalesce(${lastReportAt}, ${action}.created_at) < ${params.staleBefore}::timestamptz`;
  return {
    overdue,
    rag: `(CASE WHEN ${action}.status = 'complete' THEN 'green'
      WHEN ${overdue} THEN 'red'
      WHEN ${dueSoon} OR ${quiet} THEN 'amber'
      ELSE 'green' END)`,
    reason: `(CASE WHEN ${action}.status = 'complete' THEN NULL
      WHEN ${overdue} THEN 'overdue'
      WHEN ${dueSoon} THEN 'due-soon'
      WHEN ${quiet} THEN 'no-recent-progress'
      ELSE NULL END)`,
  };
}
