import type { IsoDate } from '../../workflows/shared/due-rule';
import type { BusinessCalendar, MonthsAndDays } from './business-calendar';

/** Red: past the target. Amber: 80% or more of the time used (or <= 2 working days left). */
export type Rag = 'green' | 'amber' | 'red';

/** Share of the timescale used from which progress is amber. */
export const AMBER_FROM_FRACTION_USED = 0.8;
/** Working days left at or below which a working-day timescale is amber. */
export const AMBER_FROM_WORKING_DAYS_LEFT = 2;

export interface WorkingDayProgress {
  /** Working days after the start up to and including today. */
  elapsed: number;
  /** Working days after the start up to and including the target. */
  total: number;
  /** Working days left to the target; negative when overdue. */
  remaining: number;
  rag: Rag;
  /** e.g. "day 12 of 15", or "day 17 of 15 (2 working days overdue)". */
  label: string;
}

export interface MonthProgress {
  /** The start plus the timescale's calendar months (31 Jan + 1 month is 28/29 Feb). */
  target: IsoDate;
  elapsed: MonthsAndDays;
  /** Calendar days from the start to today. */
  elapsedDays: number;
  /** Calendar days from the start to the target. */
  totalDays: number;
  /** Calendar days left to the target; negative when overdue. */
  remainingDays: number;
  rag: Rag;
  /** e.g. "4 months 10 days of 6 months", or "6 months 3 days of 6 months (3 days overdue)". */
  label: string;
}

/**
 * Progress through a timescale counted in working days, e.g. 15 working days from awareness to a
 * rapid review. Before the start, progress is taken to be at the start.
 */
export function workingDayProgress(
  start: IsoDate,
  target: IsoDate,
  today: IsoDate,
  calendar: BusinessCalendar,
): WorkingDayProgress {
  const total = calendar.workingDaysBetween(start, target);
  if (total < 0) throw new RangeError(`Target ${target} is before start ${start}`);
  const from = calendar.daysBetween(start, today) < 0 ? start : today;
  const elapsed = calendar.workingDaysBetween(start, from);
  const remaining = total - elapsed;
  const rag: Rag =
    from > target
      ? 'red'
      : elapsed >= AMBER_FROM_FRACTION_USED * total || remaining <= AMBER_FROM_WORKING_DAYS_LEFT
        ? 'amber'
        : 'green';
  const overdue = remaining < 0 ? ` (${plural(-remaining, 'working day')} overdue)` : '';
  return { elapsed, total, remaining, rag, label: `day ${elapsed} of ${total}${overdue}` };
}

/**
 * Progress through a timescale counted in calendar months, e.g. 6 months from the decision to
 * publish a review. Before the start, progress is taken to be at the start.
 */
export function monthProgress(
  start: IsoDate,
  months: number,
  today: IsoDate,
  calendar: BusinessCalendar,
): MonthProgress {
  if (!Number.isSafeInteger(months) || months < 0) {
    throw new RangeError(`Months must be a whole number of 0 or more, got ${String(months)}`);
  }
  const target = calendar.addCalendarMonths(start, months);
  const from = calendar.daysBetween(start, today) < 0 ? start : today;
  const elapsed = calendar.elapsedMonthsAndDays(start, from);
  const elapsedDays = calendar.daysBetween(start, from);
  const totalDays = calendar.daysBetween(start, target);
  const remainingDays = totalDays - elapsedDays;
  const rag: Rag =
    remainingDays < 0
      ? 'red'
      : elapsedDays >= AMBER_FROM_FRACTION_USED * totalDays
        ? 'amber'
        : 'green';
  const overdue = remainingDays < 0 ? ` (${plural(-remainingDays, 'day')} overdue)` : '';
  const label =
    `${plural(elapsed.months, 'month')} ${plural(elapsed.days, 'day')} of ` +
    `${plural(months, 'month')}${overdue}`;
  return { target, elapsed, elapsedDays, totalDays, remainingDays, rag, label };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
