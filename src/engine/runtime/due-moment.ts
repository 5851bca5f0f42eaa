import { isIsoDate, type BusinessCalendar } from '../../calendar';
import type { IsoDate } from '../../../workflows/shared/due-rule';

/**
 * The instant a due date falls due: the end of the due day in Europe/London, i.e. midnight at
 * the start of the next London day. A task due on Friday is on time all Friday wherever the
 * server runs, and its deadline fires as Saturday begins in London (23:00Z in summer).
 */
export function dueMoment(dueOn: IsoDate, calendar: BusinessCalendar): Date {
  let moments = cache.get(calendar);
  if (!moments) {
    moments = new Map();
    cache.set(calendar, moments);
  }
  let moment = moments.get(dueOn);
  if (moment === undefined) {
    moment = computeDueMoment(dueOn, calendar).getTime();
    if (moments.size >= MAX_CACHED) moments.clear();
    moments.set(dueOn, moment);
  }
  return new Date(moment);
}

/** Time-zone arithmetic is the costly part of an event's CPU time, and due dates repeat a lot. */
const cache = new WeakMap<BusinessCalendar, Map<IsoDate, number>>();
const MAX_CACHED = 10_000;

function computeDueMoment(dueOn: IsoDate, calendar: BusinessCalendar): Date {
  if (!isIsoDate(dueOn)) throw new RangeError(`Invalid due date ${JSON.stringify(dueOn)}`);
  const [year, month, day] = dueOn.split('-').map(Number);
  const next = new Date(Date.UTC(2000, 0, 1));
  next.setUTCFullYear(year, month - 1, day + 1);
  return calendar.londonWallClockToUtc(next.toISOString().slice(0, 10), 0, 0);
}
