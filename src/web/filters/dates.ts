import { BusinessCalendar, isIsoDate, type IsoDate } from '../../calendar';

const LONDON = 'Europe/London';

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

/** A calendar date (`YYYY-MM-DD`, a date in London) or an instant. */
export type DateLike = IsoDate | Date;

function instantOf(value: DateLike): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid date');
    return value;
  }
  if (!isIsoDate(value)) {
    throw new RangeError(`Invalid date ${JSON.stringify(value)}: expected YYYY-MM-DD`);
  }
  // Midday UTC is the same calendar date in London whatever the season.
  return new Date(`${value}T12:00:00Z`);
}

function londonDateOf(value: DateLike, calendar: BusinessCalendar): IsoDate {
  if (value instanceof Date) return calendar.londonDateOf(value);
  instantOf(value); // throws on anything but a real YYYY-MM-DD date
  return value;
}

/** GOV.UK style long date in London, e.g. "Wednesday 14 January 2026". */
export function formatDate(value: DateLike): string {
  return longDate.format(instantOf(value)).replace(',', '');
}

/** GOV.UK style date and time in London, e.g. "Wednesday 14 January 2026 at 3:05pm". */
export function formatDateTime(value: Date): string {
  const clock = time.format(instantOf(value)).replace(/\s/g, '').toLowerCase();
  const words: Record<string, string> = { '12:00pm': 'midday', '12:00am': 'midnight' };
  return `${formatDate(value)} at ${words[clock] ?? clock}`;
}

function workingDays(n: number): string {
  return `${n} working day${n === 1 ? '' : 's'}`;
}

/**
 * How a due date stands today, counted in working days of the business calendar:
 * "due today", "due in 3 working days", "2 working days overdue". A due date on a weekend or bank
 * holiday with no working day before it reads "due on Saturday 17 January 2026", and one passed
 * with no working day since reads "overdue".
 */
export function dueInWords(due: DateLike, now: Date, calendar: BusinessCalendar): string {
  const dueOn = londonDateOf(due, calendar);
  const today = calendar.todayInLondon(now);
  if (dueOn === today) return 'due today';
  const between = calendar.workingDaysBetween(today, dueOn);
  if (dueOn > today) {
    return between > 0 ? `due in ${workingDays(between)}` : `due on ${formatDate(dueOn)}`;
  }
  return between < 0 ? `${workingDays(-between)} overdue` : 'overdue';
}
