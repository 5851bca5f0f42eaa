import { isIsoDate, type BusinessCalendar } from '../../calendar';
import type { IsoDate } from '../../../workflows/shared/due-rule';

/**
 * The instant a due date falls due: the end of the due day in Europe/London, i.e. midnight at
 * the start of the next London day. A task due on Friday is on time all Friday wherever the
 * server runs, and its deadline fires as Saturday begins in London (23:00Z in summer).
 */
export function dueMoment(dueOn: IsoDate, calendar: BusinessCalendar): Date {
  if (!isIsoDate(dueOn)) throw new RangeError(`Invalid due date ${JSON.stringify(dueOn)}`);
  const [year, month, day] = dueOn.split('-').map(Number);
  const next = new Date(Date.UTC(2000, 0, 1));
  next.setUTCFullYear(year, month - 1, day + 1);
  return calendar.londonWallClockToUtc(next.toISOString().slice(0, 10), 0, 0);
}
