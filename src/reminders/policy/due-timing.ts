import type { BusinessCalendar, IsoDate } from '../../calendar';

/** Where a due date stands on a given day, in working days: what a reminder or digest says. */
export type DueTiming =
  /**
   * Due later. 0 working days left happens when the due date is not a working day and no working
   * day comes before it (a Saturday seen on the Friday).
   */
  | { status: 'upcoming'; workingDaysLeft: number }
  | { status: 'due-today' }
  /** Past the due date; 0 working days overdue happens only on a non-working day just after it. */
  | { status: 'overdue'; workingDaysOverdue: number };

/** The timing of `dueOn` seen on `today` (both London calendar dates). */
export function dueTiming(dueOn: IsoDate, today: IsoDate, calendar: BusinessCalendar): DueTiming {
  const days = calendar.workingDaysBetween(today, dueOn);
  if (dueOn === today) return { status: 'due-today' };
  if (dueOn > today) return { status: 'upcoming', workingDaysLeft: days };
  return { status: 'overdue', workingDaysOverdue: -days };
}
