import { BusinessCalendar } from './business-calendar';
import { monthProgress, workingDayProgress, type Rag } from './timescale';

describe('timescales', () => {
  const calendar = new BusinessCalendar();

  describe('workingDayProgress', () => {
    // A 15 working day rapid review: aware Monday 15 Dec 2025, due Thursday 8 Jan 2026
    // (25, 26 Dec and 1 Jan are bank holidays).
    const start = '2025-12-15';
    const target = '2026-01-08';

    it.each<[string, number, number, Rag, string]>([
      ['2025-12-15', 0, 15, 'green', 'day 0 of 15'],
      ['2025-12-19', 4, 11, 'green', 'day 4 of 15'],
      ['2025-12-25', 7, 8, 'green', 'day 7 of 15'],
      ['2026-01-02', 11, 4, 'green', 'day 11 of 15'],
      ['2026-01-05', 12, 3, 'amber', 'day 12 of 15'],
      ['2026-01-07', 14, 1, 'amber', 'day 14 of 15'],
      ['2026-01-08', 15, 0, 'amber', 'day 15 of 15'],
      ['2026-01-09', 16, -1, 'red', 'day 16 of 15 (1 working day overdue)'],
      ['2026-01-10', 16, -1, 'red', 'day 16 of 15 (1 working day overdue)'],
      ['2026-01-12', 17, -2, 'red', 'day 17 of 15 (2 working days overdue)'],
    ])('on %s: elapsed %i, remaining %i, %s, "%s"', (today, elapsed, remaining, rag, label) => {
      expect(workingDayProgress(start, target, today, calendar)).toEqual({
        elapsed,
        total: 15,
        remaining,
        rag,
        label,
      });
    });

    it('turns amber at exactly 80% of the time used', () => {
      expect(workingDayProgress(start, target, '2026-01-02', calendar).rag).toBe('green'); // 11/15
      expect(workingDayProgress(start, target, '2026-01-05', calendar).rag).toBe('amber'); // 12/15
    });

    it('turns amber with 2 working days left on a short timescale, before 80% is used', () => {
      // 5 working days from Fri 22 Aug 2025 to Mon 1 Sep 2025 (25 Aug is a bank holiday).
      const wed = workingDayProgress('2025-08-22', '2025-09-01', '2025-08-27', calendar);
      expect(wed).toMatchObject({ elapsed: 2, remaining: 3, rag: 'green' });
      const thu = workingDayProgress('2025-08-22', '2025-09-01', '2025-08-28', calendar);
      expect(thu).toMatchObject({ elapsed: 3, remaining: 2, rag: 'amber', label: 'day 3 of 5' });
    });

    it('is red on the weekend after a Friday target though no working day has passed', () => {
      expect(workingDayProgress('2025-08-22', '2025-08-29', '2025-08-30', calendar)).toEqual({
        elapsed: 4,
        total: 4,
        remaining: 0,
        rag: 'red',
        label: 'day 4 of 4',
      });
    });

    it('counts from the start when today is before it', () => {
      expect(workingDayProgress(start, target, '2025-12-10', calendar)).toMatchObject({
        elapsed: 0,
        remaining: 15,
        rag: 'green',
        label: 'day 0 of 15',
      });
    });

    it('refuses a target before the start, and malformed dates', () => {
      expect(() => workingDayProgress(target, start, start, calendar)).toThrow(RangeError);
      expect(() => workingDayProgress(start, target, '1', calendar)).toThrow(RangeError);
    });
  });

  describe('monthProgress', () => {
    // Six months from 15 Jan 2025 is 15 Jul 2025: 181 days.
    const start = '2025-01-15';

    it.each<[string, number, number, Rag, string]>([
      ['2025-01-15', 0, 181, 'green', '0 months 0 days of 6 months'],
      ['2025-02-16', 32, 149, 'green', '1 month 1 day of 6 months'],
      ['2025-05-25', 130, 51, 'green', '4 months 10 days of 6 months'],
      ['2025-06-08', 144, 37, 'green', '4 months 24 days of 6 months'],
      ['2025-06-09', 145, 36, 'amber', '4 months 25 days of 6 months'],
      ['2025-07-15', 181, 0, 'amber', '6 months 0 days of 6 months'],
      ['2025-07-16', 182, -1, 'red', '6 months 1 day of 6 months (1 day overdue)'],
      ['2025-07-18', 184, -3, 'red', '6 months 3 days of 6 months (3 days overdue)'],
    ])(
      'on %s: %i days used, %i left, %s, "%s"',
      (today, elapsedDays, remainingDays, rag, label) => {
        const progress = monthProgress(start, 6, today, calendar);
        expect(progress).toMatchObject({
          target: '2025-07-15',
          elapsedDays,
          totalDays: 181,
          remainingDays,
          rag,
          label,
        });
      },
    );

    it('reports the elapsed months and days as numbers', () => {
      expect(monthProgress(start, 6, '2025-05-25', calendar).elapsed).toEqual({
        months: 4,
        days: 10,
      });
    });

    it('clamps a month-end start: one month from 31 Jan 2023 is due on 28 Feb', () => {
      expect(monthProgress('2023-01-31', 1, '2023-02-28', calendar)).toMatchObject({
        target: '2023-02-28',
        remainingDays: 0,
        rag: 'amber',
        label: '1 month 0 days of 1 month',
      });
      expect(monthProgress('2023-01-31', 1, '2023-03-01', calendar)).toMatchObject({
        rag: 'red',
        label: '1 month 1 day of 1 month (1 day overdue)',
      });
    });

    it('counts from the start when today is before it', () => {
      expect(monthProgress(start, 6, '2025-01-01', calendar)).toMatchObject({
        elapsedDays: 0,
        rag: 'green',
        label: '0 months 0 days of 6 months',
      });
    });

    it('refuses a negative or fractional number of months', () => {
      expect(() => monthProgress(start, -1, start, calendar)).toThrow(RangeError);
      expect(() => monthProgress(start, 1.5, start, calendar)).toThrow(RangeError);
    });
  });
});
