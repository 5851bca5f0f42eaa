import { BusinessCalendar } from '../../calendar';
import { dueInWords, formatDate, formatDateTime } from './dates';

const calendar = new BusinessCalendar();
/** 09:00 in London on a date (GMT in January). */
const morningOf = (date: string): Date => calendar.londonWallClockToUtc(date, 9);

describe('formatDate', () => {
  it('writes a calendar date the GOV.UK way, with the weekday', () => {
    expect(formatDate('2026-01-14')).toBe('Wednesday 14 January 2026');
  });

  it('gives an instant its date in London, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('Wednesday 1 July 2026');
  });

  it('refuses something that is not a real date', () => {
    expect(() => formatDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('adds the London time in the GOV.UK style', () => {
    expect(formatDateTime(new Date('2026-01-14T15:05:00Z'))).toBe(
      'Wednesday 14 January 2026 at 3:05pm',
    );
    expect(formatDateTime(new Date('2026-07-14T08:30:00Z'))).toBe('Tuesday 14 July 2026 at 9:30am');
  });

  it('says midday and midnight rather than 12pm and 12am', () => {
    expect(formatDateTime(new Date('2026-01-14T12:00:00Z'))).toBe(
      'Wednesday 14 January 2026 at midday',
    );
    expect(formatDateTime(new Date('2026-01-14T00:00:00Z'))).toBe(
      'Wednesday 14 January 2026 at midnight',
    );
  });
});

describe('dueInWords', () => {
  it.each([
    ['due on the day', '2026-01-14', '2026-01-14', 'due today'],
    ['due the next working day', '2026-01-15', '2026-01-14', 'due in 1 working day'],
    ['due after a weekend', '2026-01-19', '2026-01-14', 'due in 3 working days'],
    ['one working day late', '2026-01-13', '2026-01-14', '1 working day overdue'],
    ['late across a weekend', '2026-01-15', '2026-01-20', '3 working days overdue'],
    ['late across Christmas and Boxing Day', '2025-12-24', '2025-12-29', '1 working day overdue'],
    ['due over a bank holiday weekend', '2026-04-07', '2026-04-02', 'due in 1 working day'],
    [
      'due on a Saturday, asked on Friday',
      '2026-01-17',
      '2026-01-16',
      'due on Saturday 17 January 2026',
    ],
    ['passed on Saturday, asked on Sunday', '2026-01-17', '2026-01-18', 'overdue'],
  ])('%s reads "%s… %s"', (_case, due, today, words) => {
    expect(dueInWords(due, morningOf(today), calendar)).toBe(words);
  });

  it('compares instants by their date in London', () => {
    // 00:30 on 1 July in London is still 30 June in UTC.
    expect(dueInWords(new Date('2026-06-30T23:30:00Z'), morningOf('2026-07-01'), calendar)).toBe(
      'due today',
    );
  });
});
