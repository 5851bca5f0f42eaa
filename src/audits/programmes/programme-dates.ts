import type { BusinessCalendar, IsoDate } from '../../calendar';

function addDays(date: IsoDate, days: number): IsoDate {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/**
 * The planned meeting dates of a programme: every `intervalWeeks` from `firstOn` for `months`
 * calendar months. A date that falls on a weekend or bank holiday moves to the next working day;
 * the rhythm keeps counting from the unmoved dates, so one holiday does not shift the rest.
 */
export function plannedMeetingDates(
  calendar: BusinessCalendar,
  firstOn: IsoDate,
  intervalWeeks: number,
  months: number,
): IsoDate[] {
  const end = calendar.addCalendarMonths(firstOn, months);
  const dates: IsoDate[] = [];
  for (let step = 0; ; step++) {
    const planned = addDays(firstOn, step * intervalWeeks * 7);
    if (planned >= end) return dates;
    const meeting = calendar.nextWorkingDay(planned);
    if (dates[dates.length - 1] !== meeting) dates.push(meeting);
  }
}
