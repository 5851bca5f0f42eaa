import Holidays from 'date-holidays';
import type { IsoDate } from '../../workflows/shared/due-rule';

/** Whole calendar months then the remaining days, e.g. 4 months 10 days. */
export interface MonthsAndDays {
  months: number;
  days: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const LONDON = 'Europe/London';

/** A calendar date as its three numbers; months are 1-12. */
interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2023-02-29 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parse(value: IsoDate): Ymd {
  if (!isIsoDate(value)) {
    throw new RangeError(
      `Invalid ISO date ${JSON.stringify(value)}: expected a real date as YYYY-MM-DD`,
    );
  }
  return {
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
  };
}

function format({ year, month, day }: Ymd): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Milliseconds since the epoch of midnight UTC on the date (setUTCFullYear also copes with years < 100). */
function utcMidnight({ year, month, day }: Ymd): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function fromUtcMidnight(ms: number): Ymd {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0); // day 0 of the next month is the last day of this one
  return date.getUTCDate();
}

function addDays(d: IsoDate, days: number): IsoDate {
  return format(fromUtcMidnight(utcMidnight(parse(d)) + days * MS_PER_DAY));
}

function requireCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative whole number, got ${String(n)}`);
  }
}

function requireInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant ${String(instant)}: expected a valid Date`);
  }
}

/**
 * The one business calendar: working days in England and Wales (Monday to Friday, except bank
 * holidays from `date-holidays`, region GB-ENG, type 'public', which includes substitute days and
 * one-off days such as 19 Sep 2022). Dates are `YYYY-MM-DD` in Europe/London; arithmetic is done
 * at UTC midnight so the process time zone never matters.
 */
export class BusinessCalendar {
  private readonly holidays = new Holidays('GB', 'ENG');
  private readonly holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();
  private readonly londonParts = new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  /**
   * The bank holidays of a year in date order, as gov.uk lists them: weekdays only, so a Christmas
   * Day on a Sunday is left out and its substitute day is in.
   */
  bankHolidays(year: number): IsoDate[] {
    return [...this.holidaySet(year)].sort();
  }

  /** Monday to Friday and not a bank holiday. */
  isWorkingDay(d: IsoDate): boolean {
    const ymd = parse(d);
    const weekday = new Date(utcMidnight(ymd)).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidaySet(ymd.year).has(d);
  }

  /** `d` if it is a working day, else the first working day after it. */
  nextWorkingDay(d: IsoDate): IsoDate {
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /**
   * The n-th working day after `d` (`d` itself not counted). n = 0 gives `d` when it is a working
   * day, else the next working day.
   */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    requireCount('Working days', n);
    const day = this.nextWorkingDay(d);
    // Moving off a non-working day already reached one.
    return this.walkWorkingDays(day, day === d ? n : n - 1, 1);
  }

  /**
   * The n-th working day before `d`, counting backwards (`d` itself not counted). n = 0 gives `d`
   * when it is a working day, else the last working day before it.
   */
  subtractWorkingDays(d: IsoDate, n: number): IsoDate {
    requireCount('Working days', n);
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return this.walkWorkingDays(day, day === d ? n : n - 1, -1);
  }

  /**
   * The `count`-th working day from `from` in `step`'s direction, walked on day numbers rather
   * than date strings: reviews' timescales ask this hundreds of times for one dashboard.
   */
  private walkWorkingDays(from: IsoDate, count: number, step: 1 | -1): IsoDate {
    let ms = utcMidnight(parse(from));
    for (let remaining = count; remaining > 0;) {
      ms += step * MS_PER_DAY;
      const date = new Date(ms);
      const weekday = date.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const ymd = {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
      };
      if (!this.holidaySet(ymd.year).has(format(ymd))) remaining--;
    }
    return format(fromUtcMidnight(ms));
  }

  /** Whole calendar months later (or earlier when negative); 31 Jan + 1 month is 28/29 Feb. */
  addCalendarMonths(d: IsoDate, months: number): IsoDate {
    if (!Number.isSafeInteger(months)) {
      throw new RangeError(`Months must be a whole number, got ${String(months)}`);
    }
    const { year, month, day } = parse(d);
    const index = year * 12 + (month - 1) + months;
    const targetYear = Math.floor(index / 12);
    const targetMonth = index - targetYear * 12 + 1;
    return format({
      year: targetYear,
      month: targetMonth,
      day: Math.min(day, daysInMonth(targetYear, targetMonth)),
    });
  }

  /** Calendar days from `from` to `to` (negative when `to` is earlier). */
  daysBetween(from: IsoDate, to: IsoDate): number {
    return Math.round((utcMidnight(parse(to)) - utcMidnight(parse(from))) / MS_PER_DAY);
  }

  /**
   * Working days after `from` up to and including `to`; when `to` is earlier, minus the working
   * days after `to` up to and including `from`. So `workingDaysBetween(d, addWorkingDays(d, n))`
   * is n for n >= 1.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = parse(from);
    const end = parse(to); // validate both first: what follows compares the strings
    if (to < from) return -this.workingDaysBetween(to, from);
    // Counted, not walked day by day: dashboards ask this for hundreds of reviews per page.
    const startMs = utcMidnight(start);
    const days = Math.round((utcMidnight(end) - startMs) / MS_PER_DAY);
    const startWeekday = new Date(startMs).getUTCDay();
    let weekdays = Math.floor(days / 7) * 5; // every 7 days in a row hold 5 weekdays
    for (let i = 1; i <= days % 7; i++) {
      const weekday = (startWeekday + i) % 7;
      if (weekday !== 0 && weekday !== 6) weekdays++;
    }
    let bankHolidays = 0; // the holiday sets hold weekdays only
    for (let year = start.year; year <= end.year; year++) {
      for (const holiday of this.holidaySet(year)) {
        if (holiday > from && holiday <= to) bankHolidays++;
      }
    }
    return weekdays - bankHolidays;
  }

  /** Whole calendar months from `from`, then the remaining days, to `to` (not before `from`). */
  elapsedMonthsAndDays(from: IsoDate, to: IsoDate): MonthsAndDays {
    const start = parse(from);
    const end = parse(to);
    if (to < from) throw new RangeError(`${to} is before ${from}`);
    let months = (end.year - start.year) * 12 + (end.month - start.month);
    if (this.addCalendarMonths(from, months) > to) months--; // e.g. 15 Jan to 10 Mar is 1 month
    return { months, days: this.daysBetween(this.addCalendarMonths(from, months), to) };
  }

  /** The calendar date in Europe/London at the instant `now`. */
  todayInLondon(now: Date): IsoDate {
    return this.londonDateOf(now);
  }

  /** The calendar date in Europe/London at `instant`, e.g. 2026-06-30T23:30Z is 2026-07-01. */
  londonDateOf(instant: Date): IsoDate {
    requireInstant(instant);
    const { year, month, day } = this.londonWallClock(instant.getTime());
    return format({ year, month, day });
  }

  /**
   * The instant at which London clocks show `hour:minute` on `d`: 09:00 is 08:00Z in summer
   * (BST) and 09:00Z in winter (GMT). A time skipped when clocks go forward maps an hour later;
   * a time repeated when they go back maps to its second (GMT) occurrence.
   */
  londonWallClockToUtc(d: IsoDate, hour: number, minute = 0): Date {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new RangeError(`Hour must be a whole number 0-23, got ${String(hour)}`);
    }
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
      throw new RangeError(`Minute must be a whole number 0-59, got ${String(minute)}`);
    }
    const wallAsUtc = utcMidnight(parse(d)) + (hour * 60 + minute) * 60_000;
    const firstOffset = this.londonOffsetMs(wallAsUtc);
    const secondOffset = this.londonOffsetMs(wallAsUtc - firstOffset);
    return new Date(wallAsUtc - secondOffset);
  }

  private holidaySet(year: number): ReadonlySet<IsoDate> {
    if (!Number.isSafeInteger(year)) throw new RangeError(`Invalid year ${String(year)}`);
    let set = this.holidaysByYear.get(year);
    if (!set) {
      set = new Set(
        this.holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)) // "2022-12-27 00:00:00", London local
          .filter((date) => {
            const weekday = new Date(utcMidnight(parse(date))).getUTCDay();
            return weekday !== 0 && weekday !== 6;
          }),
      );
      this.holidaysByYear.set(year, set);
    }
    return set;
  }

  /** London wall-clock minus UTC at an instant: 0 in GMT, one hour in BST. */
  private londonOffsetMs(instantMs: number): number {
    const wall = this.londonWallClock(instantMs);
    const wallAsUtc =
      utcMidnight(wall) + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
    return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
  }

  private londonWallClock(
    instantMs: number,
  ): Ymd & { hour: number; minute: number; second: number } {
    const parts: Record<string, number> = {};
    for (const part of this.londonParts.formatToParts(new Date(instantMs))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    return {
      year: parts.year,
      month: parts.month,
      day: parts.day,
      hour: parts.hour,
      minute: parts.minute,
      second: parts.second,
    };
  }
}
