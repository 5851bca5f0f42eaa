import { BusinessCalendar, isIsoDate } from './business-calendar';

describe('BusinessCalendar (England and Wales)', () => {
  const calendar = new BusinessCalendar();

  describe('bankHolidays', () => {
    // As published on gov.uk/bank-holidays for England and Wales: weekdays only.
    it.each([
      [
        2021,
        [
          '2021-01-01',
          '2021-04-02',
          '2021-04-05',
          '2021-05-03',
          '2021-05-31',
          '2021-08-30',
          '2021-12-27',
          '2021-12-28',
        ],
      ],
      [
        2022,
        [
          '2022-01-03',
          '2022-04-15',
          '2022-04-18',
          '2022-05-02',
          '2022-06-02',
          '2022-06-03',
          '2022-08-29',
          '2022-09-19',
          '2022-12-26',
          '2022-12-27',
        ],
      ],
      [
        2023,
        [
          '2023-01-02',
          '2023-04-07',
          '2023-04-10',
          '2023-05-01',
          '2023-05-08',
          '2023-05-29',
          '2023-08-28',
          '2023-12-25',
          '2023-12-26',
        ],
      ],
      [
        2024,
        [
          '2024-01-01',
          '2024-03-29',
          '2024-04-01',
          '2024-05-06',
          '2024-05-27',
          '2024-08-26',
          '2024-12-25',
          '2024-12-26',
        ],
      ],
      [
        2025,
        [
          '2025-01-01',
          '2025-04-18',
          '2025-04-21',
          '2025-05-05',
          '2025-05-26',
          '2025-08-25',
          '2025-12-25',
          '2025-12-26',
        ],
      ],
      [
        2026,
        [
          '2026-01-01',
          '2026-04-03',
          '2026-04-06',
          '2026-05-04',
          '2026-05-25',
          '2026-08-31',
          '2026-12-25',
          '2026-12-28',
        ],
      ],
    ])('lists the bank holidays of %i in date order', (year, expected) => {
      expect(calendar.bankHolidays(year)).toEqual(expected);
    });

    it('leaves out a holiday that falls on a weekend and keeps its substitute', () => {
      const holidays2022 = calendar.bankHolidays(2022);
      expect(holidays2022).not.toContain('2022-01-01'); // New Year's Day, a Saturday
      expect(holidays2022).not.toContain('2022-12-25'); // Christmas Day, a Sunday
      expect(holidays2022).toContain('2022-01-03');
      expect(holidays2022).toContain('2022-12-27');
    });

    it('returns a fresh array each time so callers cannot corrupt the cache', () => {
      calendar.bankHolidays(2025).push('2025-06-06');
      expect(calendar.isWorkingDay('2025-06-06')).toBe(true);
      expect(calendar.bankHolidays(2025)).not.toContain('2025-06-06');
    });

    it('refuses a year that is not a whole number', () => {
      expect(() => calendar.bankHolidays(2025.5)).toThrow(RangeError);
    });
  });

  describe('isWorkingDay', () => {
    it.each([
      // Christmas and New Year 2021/22: 25 and 26 Dec on a weekend, 1 Jan on a Saturday.
      ['2021-12-24', true, 'Friday before Christmas 2021'],
      ['2021-12-25', false, 'Christmas Day 2021, a Saturday'],
      ['2021-12-27', false, 'Christmas Day substitute 2021'],
      ['2021-12-28', false, 'Boxing Day substitute 2021'],
      ['2021-12-29', true, 'Wednesday after Christmas 2021'],
      ['2022-01-03', false, "New Year's Day substitute 2022"],
      ['2022-01-04', true, 'Tuesday after New Year 2022'],
      // Christmas 2022 on a Sunday: Boxing Day Monday, substitute Tuesday.
      ['2022-12-25', false, 'Christmas Day 2022, a Sunday'],
      ['2022-12-26', false, 'Boxing Day 2022'],
      ['2022-12-27', false, 'Christmas Day substitute 2022'],
      ['2022-12-28', true, 'Wednesday after Christmas 2022'],
      ['2023-01-02', false, "New Year's Day substitute 2023"],
      // Easter.
      ['2024-03-28', true, 'Maundy Thursday 2024'],
      ['2024-03-29', false, 'Good Friday 2024'],
      ['2024-04-01', false, 'Easter Monday 2024'],
      ['2024-04-02', true, 'Tuesday after Easter 2024'],
      ['2025-04-17', true, 'Maundy Thursday 2025'],
      ['2025-04-18', false, 'Good Friday 2025'],
      ['2025-04-21', false, 'Easter Monday 2025'],
      ['2025-04-22', true, 'Tuesday after Easter 2025'],
      // One-off days.
      ['2022-06-02', false, 'spring bank holiday moved for the platinum jubilee'],
      ['2022-06-03', false, 'platinum jubilee'],
      ['2022-05-30', true, 'last Monday of May 2022, not a holiday that year'],
      ['2022-09-19', false, "the Queen's funeral"],
      ['2023-05-08', false, 'the coronation'],
      // Ordinary days and the August bank holiday.
      ['2025-08-22', true, 'an ordinary Friday'],
      ['2025-08-23', false, 'a Saturday'],
      ['2025-08-24', false, 'a Sunday'],
      ['2025-08-25', false, 'summer bank holiday 2025'],
      ['2025-08-26', true, 'an ordinary Tuesday'],
    ])('%s is a working day: %s (%s)', (date, expected) => {
      expect(calendar.isWorkingDay(date)).toBe(expected);
    });
  });

  describe('nextWorkingDay', () => {
    it.each([
      ['2025-08-22', '2025-08-22', 'a working day is its own next working day'],
      ['2025-08-23', '2025-08-26', 'Saturday before the August bank holiday'],
      ['2022-12-24', '2022-12-28', 'Christmas Eve 2022 to after the substitute day'],
      ['2022-01-01', '2022-01-04', "New Year's Day 2022 to after the substitute day"],
    ])('from %s is %s (%s)', (date, expected) => {
      expect(calendar.nextWorkingDay(date)).toBe(expected);
    });
  });

  describe('addWorkingDays', () => {
    it.each([
      ['2025-08-22', 5, '2025-09-01', 'aware Friday before the August bank holiday'],
      ['2025-08-22', 1, '2025-08-26', 'skips the weekend and the bank holiday'],
      ['2025-08-26', 1, '2025-08-27', 'an ordinary next day'],
      ['2025-08-23', 1, '2025-08-26', 'from a Saturday, the first working day after it'],
      ['2025-08-23', 2, '2025-08-27', 'from a Saturday, the second working day after it'],
      ['2021-12-23', 3, '2021-12-30', 'over Christmas 2021 and its substitute days'],
      ['2021-12-24', 5, '2022-01-05', 'over Christmas 2021 and the New Year substitute'],
      ['2022-12-23', 1, '2022-12-28', 'over Christmas 2022 (Sunday) to the Wednesday'],
      ['2025-12-15', 15, '2026-01-08', 'a 15 working day rapid review over Christmas'],
      ['2024-03-28', 1, '2024-04-02', 'over Easter 2024'],
      ['2025-04-17', 1, '2025-04-22', 'over Easter 2025'],
      ['2022-06-01', 1, '2022-06-06', 'over the platinum jubilee'],
      ['2022-09-16', 1, '2022-09-20', "over the Queen's funeral"],
      ['2023-05-05', 1, '2023-05-09', 'over the coronation'],
    ])('%s + %i working days is %s (%s)', (date, n, expected) => {
      expect(calendar.addWorkingDays(date, n)).toBe(expected);
    });

    it('adding 0 to a working day gives that day', () => {
      expect(calendar.addWorkingDays('2025-08-22', 0)).toBe('2025-08-22');
    });

    it('adding 0 to a non-working day gives the next working day', () => {
      expect(calendar.addWorkingDays('2025-08-23', 0)).toBe('2025-08-26');
      expect(calendar.addWorkingDays('2025-08-25', 0)).toBe('2025-08-26');
    });

    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p working days', (n) => {
      expect(() => calendar.addWorkingDays('2025-08-22', n)).toThrow(RangeError);
    });
  });

  describe('subtractWorkingDays', () => {
    it.each([
      ['2025-08-27', 2, '2025-08-22', 'backwards across the August bank holiday'],
      ['2025-08-26', 1, '2025-08-22', 'the day before the Tuesday after a bank holiday'],
      ['2024-04-02', 1, '2024-03-28', 'backwards across Easter 2024'],
      ['2025-04-22', 2, '2025-04-16', 'backwards across Easter 2025'],
      ['2022-01-04', 3, '2021-12-29', 'backwards across the New Year substitute day'],
      ['2024-04-05', 5, '2024-03-27', 'five working days before a Friday after Easter'],
      ['2025-08-23', 1, '2025-08-22', 'from a Saturday, the Friday before'],
    ])('%s - %i working days is %s (%s)', (date, n, expected) => {
      expect(calendar.subtractWorkingDays(date, n)).toBe(expected);
    });

    it('subtracting 0 from a working day gives that day', () => {
      expect(calendar.subtractWorkingDays('2025-08-26', 0)).toBe('2025-08-26');
    });

    it('subtracting 0 from a non-working day gives the last working day before it', () => {
      expect(calendar.subtractWorkingDays('2025-08-25', 0)).toBe('2025-08-22');
    });

    it('refuses a negative count', () => {
      expect(() => calendar.subtractWorkingDays('2025-08-26', -2)).toThrow(RangeError);
    });
  });

  describe('addCalendarMonths', () => {
    it.each([
      ['2023-01-31', 1, '2023-02-28', 'clamps to the end of February'],
      ['2024-01-31', 1, '2024-02-29', 'clamps to 29 February in a leap year'],
      ['2024-03-31', 1, '2024-04-30', 'clamps to a 30-day month'],
      ['2025-08-31', 6, '2026-02-28', 'six months across a year end, clamped'],
      ['2025-11-15', 3, '2026-02-15', 'keeps the day of the month'],
      ['2024-02-29', 12, '2025-02-28', 'a leap day plus a year'],
      ['2025-12-31', 1, '2026-01-31', 'December into January'],
      ['2025-05-31', -3, '2025-02-28', 'backwards, clamped'],
      ['2025-01-15', 0, '2025-01-15', 'zero months'],
    ])('%s + %i months is %s (%s)', (date, months, expected) => {
      expect(calendar.addCalendarMonths(date, months)).toBe(expected);
    });

    it('does not move a result that lands on a weekend', () => {
      expect(calendar.addCalendarMonths('2025-02-08', 1)).toBe('2025-03-08'); // a Saturday
    });

    it('refuses a fractional number of months', () => {
      expect(() => calendar.addCalendarMonths('2025-01-15', 0.5)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it.each([
      ['2025-08-22', '2025-09-01', 5],
      ['2025-09-01', '2025-08-22', -5],
      ['2025-08-22', '2025-08-22', 0],
      ['2025-08-22', '2025-08-25', 0],
      ['2025-08-22', '2025-08-26', 1],
      ['2021-12-24', '2022-01-05', 5],
      ['2025-12-15', '2026-01-08', 15],
    ])('from %s to %s is %i', (from, to, expected) => {
      expect(calendar.workingDaysBetween(from, to)).toBe(expected);
    });

    const starts = [
      '2021-12-23',
      '2022-05-31',
      '2022-09-17',
      '2024-03-27',
      '2025-08-22',
      '2025-08-23',
    ];
    it.each(starts)('undoes addWorkingDays from %s for 1 to 25 days', (start) => {
      for (let n = 1; n <= 25; n++) {
        expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
      }
    });

    it('counts as walking day by day would, over spans of up to 400 days', () => {
      const addDays = (d: string, n: number): string =>
        new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      const walked = (from: string, to: string): number => {
        let count = 0;
        for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
          if (calendar.isWorkingDay(day)) count++;
        }
        return count;
      };
      for (let offset = 0; offset < 14; offset++) {
        const from = addDays('2025-12-18', offset);
        for (let length = 0; length <= 400; length += 7 + (offset % 5)) {
          const to = addDays(from, length);
          expect(calendar.workingDaysBetween(from, to)).toBe(walked(from, to));
          expect(calendar.workingDaysBetween(to, from)).toBe(0 - walked(from, to));
        }
      }
    });

    it.each(['2021-12-31', '2022-06-06', '2024-04-02', '2025-09-01'])(
      'undoes subtractWorkingDays back from the working day %s for 1 to 25 days',
      (end) => {
        for (let n = 1; n <= 25; n++) {
          expect(calendar.workingDaysBetween(calendar.subtractWorkingDays(end, n), end)).toBe(n);
        }
      },
    );
  });

  describe('daysBetween', () => {
    it('counts calendar days, across a clock change', () => {
      expect(calendar.daysBetween('2026-03-28', '2026-03-30')).toBe(2);
      expect(calendar.daysBetween('2025-01-15', '2025-07-15')).toBe(181);
      expect(calendar.daysBetween('2025-07-15', '2025-01-15')).toBe(-181);
    });
  });

  describe('elapsedMonthsAndDays', () => {
    it.each([
      ['2025-01-15', '2025-05-25', 4, 10],
      ['2025-01-15', '2025-03-10', 1, 23],
      ['2025-01-15', '2025-01-15', 0, 0],
      ['2025-01-15', '2026-01-15', 12, 0],
      ['2023-01-31', '2023-02-27', 0, 27],
      ['2023-01-31', '2023-02-28', 1, 0],
      ['2023-01-31', '2023-03-01', 1, 1],
      ['2024-12-20', '2025-01-05', 0, 16],
    ])('from %s to %s is %i months %i days', (from, to, months, days) => {
      expect(calendar.elapsedMonthsAndDays(from, to)).toEqual({ months, days });
    });

    it('refuses an end before the start', () => {
      expect(() => calendar.elapsedMonthsAndDays('2025-05-25', '2025-01-15')).toThrow(RangeError);
    });
  });

  describe('London time', () => {
    it.each([
      ['2026-03-30', 9, 0, '2026-03-30T08:00:00.000Z', 'BST'],
      ['2026-11-23', 9, 0, '2026-11-23T09:00:00.000Z', 'GMT'],
      ['2026-07-01', 17, 30, '2026-07-01T16:30:00.000Z', 'BST with minutes'],
      ['2026-03-29', 9, 0, '2026-03-29T08:00:00.000Z', 'the day clocks go forward'],
      ['2026-10-24', 9, 0, '2026-10-24T08:00:00.000Z', 'the day before clocks go back'],
      ['2026-10-25', 9, 0, '2026-10-25T09:00:00.000Z', 'the day clocks go back'],
      ['2026-06-01', 0, 0, '2026-05-31T23:00:00.000Z', 'midnight in BST is the day before in UTC'],
      ['2026-03-29', 1, 30, '2026-03-29T01:30:00.000Z', 'a skipped time maps an hour later'],
      ['2026-10-25', 1, 30, '2026-10-25T01:30:00.000Z', 'a repeated time maps to GMT'],
    ])('%s %i:%i London is %s (%s)', (date, hour, minute, expected) => {
      expect(calendar.londonWallClockToUtc(date, hour, minute).toISOString()).toBe(expected);
    });

    it('defaults the minute to 0', () => {
      expect(calendar.londonWallClockToUtc('2026-11-23', 9).toISOString()).toBe(
        '2026-11-23T09:00:00.000Z',
      );
    });

    it.each([
      ['2026-06-30T23:30:00.000Z', '2026-07-01', 'late evening UTC in summer is tomorrow'],
      ['2026-12-31T23:30:00.000Z', '2026-12-31', 'late evening UTC in winter is today'],
      ['2026-10-24T22:59:59.000Z', '2026-10-24', 'just before London midnight in BST'],
      ['2026-10-24T23:00:00.000Z', '2026-10-25', 'London midnight in BST'],
      ['2026-03-29T00:59:59.000Z', '2026-03-29', 'just before the clocks go forward'],
    ])('the London date at %s is %s (%s)', (instant, expected) => {
      expect(calendar.londonDateOf(new Date(instant))).toBe(expected);
    });

    it("today in London is the London date of now, not UTC's", () => {
      expect(calendar.todayInLondon(new Date('2025-07-31T23:15:00Z'))).toBe('2025-08-01');
      expect(calendar.todayInLondon(new Date('2025-01-31T23:15:00Z'))).toBe('2025-01-31');
    });

    it('refuses an invalid instant, hour or minute', () => {
      expect(() => calendar.londonDateOf(new Date('not a date'))).toThrow(RangeError);
      expect(() => calendar.londonWallClockToUtc('2026-03-30', 24)).toThrow(RangeError);
      expect(() => calendar.londonWallClockToUtc('2026-03-30', 9, 60)).toThrow(RangeError);
      expect(() => calendar.londonWallClockToUtc('2026-03-30', 9.5)).toThrow(RangeError);
    });
  });

  describe('input validation', () => {
    it.each([
      '2025-02-30',
      '2023-02-29',
      '2025-13-01',
      '2025-8-1',
      '',
      '2025-08-01T00:00',
      '01/08/2025',
    ])('refuses the malformed date %p with a RangeError naming it', (bad) => {
      expect(() => calendar.isWorkingDay(bad)).toThrow(RangeError);
      expect(() => calendar.isWorkingDay(bad)).toThrow(JSON.stringify(bad));
      expect(() => calendar.addWorkingDays(bad, 1)).toThrow(RangeError);
      expect(() => calendar.addCalendarMonths(bad, 1)).toThrow(RangeError);
      expect(() => calendar.londonWallClockToUtc(bad, 9)).toThrow(RangeError);
    });

    it('refuses a malformed end date rather than counting forever', () => {
      expect(() => calendar.workingDaysBetween('2025-01-01', 'zzzz')).toThrow(RangeError);
      expect(() => calendar.workingDaysBetween('2025-01-01', '2025-01-01x')).toThrow(RangeError);
    });

    it('recognises real ISO dates', () => {
      expect(isIsoDate('2024-02-29')).toBe(true);
      expect(isIsoDate('2023-02-29')).toBe(false);
      expect(isIsoDate(20240229)).toBe(false);
    });
  });

  it('gives the same answers whatever the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = zone;
        const zoned = new BusinessCalendar();
        expect(zoned.bankHolidays(2022)).toEqual(calendar.bankHolidays(2022));
        expect(zoned.addWorkingDays('2025-08-22', 5)).toBe('2025-09-01');
        expect(zoned.addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
        expect(zoned.londonWallClockToUtc('2026-03-30', 9).toISOString()).toBe(
          '2026-03-30T08:00:00.000Z',
        );
        expect(zoned.londonDateOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
