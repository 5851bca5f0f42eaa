import { BusinessCalendar } from '../../calendar';
import { dueMoment } from './due-moment';

describe('dueMoment', () => {
  const calendar = new BusinessCalendar();

  it('falls at midnight London time at the end of the due day, in winter (GMT)', () => {
    expect(dueMoment('2026-01-16', calendar).toISOString()).toBe('2026-01-17T00:00:00.000Z');
  });

  it('falls an hour earlier in UTC in summer (BST)', () => {
    expect(dueMoment('2026-07-03', calendar).toISOString()).toBe('2026-07-03T23:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(dueMoment('2026-12-31', calendar).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(dueMoment('2028-02-28', calendar).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('handles the night the clocks go forward', () => {
    // 29 March 2026: clocks go forward at 01:00 GMT; midnight starting 30 March is BST.
    expect(dueMoment('2026-03-29', calendar).toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('refuses a date that does not exist', () => {
    expect(() => dueMoment('2026-02-30', calendar)).toThrow(RangeError);
  });
});
