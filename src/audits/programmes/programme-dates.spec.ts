import { BusinessCalendar } from '../../calendar';
import { plannedMeetingDates } from './programme-dates';

const calendar = new BusinessCalendar();

describe('planned meeting dates of an audit programme', () => {
  it('plans one every six weeks for a year: nine meetings', () => {
    const dates = plannedMeetingDates(calendar, '2026-01-14', 6, 12);
    expect(dates).toEqual([
      '2026-01-14',
      '2026-02-25',
      '2026-04-08',
      '2026-05-20',
      '2026-07-01',
      '2026-08-12',
      '2026-09-23',
      '2026-11-04',
      '2026-12-16',
    ]);
  });

  it('moves a meeting off a bank holiday to the next working day, keeping the rhythm after it', () => {
    // Monday 6 April 2026 is Easter Monday; six weeks on is Monday 18 May.
    const dates = plannedMeetingDates(calendar, '2026-02-23', 6, 3);
    expect(dates).toEqual(['2026-02-23', '2026-04-07', '2026-05-18']);
  });

  it('never plans a meeting on a weekend or bank holiday', () => {
    for (const first of ['2026-01-01', '2026-12-25', '2027-03-28', '2026-05-04']) {
      for (const date of plannedMeetingDates(calendar, first, 6, 12)) {
        expect(calendar.isWorkingDay(date)).toBe(true);
      }
    }
  });

  it('plans quarterly audits when asked for every thirteen weeks', () => {
    expect(plannedMeetingDates(calendar, '2026-01-07', 13, 11)).toEqual([
      '2026-01-07',
      '2026-04-08',
      '2026-07-08',
      '2026-10-07',
    ]);
  });
});
