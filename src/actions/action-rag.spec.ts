import { BusinessCalendar } from '../calendar';
import { ragThresholds } from './action-rag';

describe('ragThresholds', () => {
  const calendar = new BusinessCalendar();

  it('counts the 10 working days of the amber window past the early May bank holiday', () => {
    // Thursday 30 April 2026: Friday 1 May is day 1, Monday 4 May is a bank holiday, so Friday
    // 15 May is day 10 (amber) and Monday 18 May, day 11, is the first date still green.
    const { today, amberDueBefore } = ragThresholds(new Date('2026-04-30T12:00:00Z'), calendar);
    expect(today).toBe('2026-04-30');
    expect(amberDueBefore).toBe('2026-05-18');
    expect(calendar.workingDaysBetween(today, '2026-05-15')).toBe(10);
  });

  it('takes today in Europe/London: 23:30 UTC on a summer evening is already the next day', () => {
    expect(ragThresholds(new Date('2026-05-01T23:30:00Z'), calendar).today).toBe('2026-05-02');
    expect(ragThresholds(new Date('2026-05-01T22:59:59Z'), calendar).today).toBe('2026-05-01');
  });

  it('goes quiet from the start of the London day three calendar months back', () => {
    // 15 June 2026 (BST) minus 3 months is 15 March (GMT): midnight there is 00:00Z.
    expect(ragThresholds(new Date('2026-06-15T09:00:00Z'), calendar).staleBefore).toEqual(
      new Date('2026-03-15T00:00:00Z'),
    );
    // 31 May minus 3 months is 28 February (no 31st); 31 August minus 3 months is 31 May (BST).
    expect(ragThresholds(new Date('2026-05-31T09:00:00Z'), calendar).staleBefore).toEqual(
      new Date('2026-02-28T00:00:00Z'),
    );
    expect(ragThresholds(new Date('2026-08-31T09:00:00Z'), calendar).staleBefore).toEqual(
      new Date('2026-05-30T23:00:00Z'),
    );
  });
});
