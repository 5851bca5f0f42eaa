import { BusinessCalendar } from '../../src/calendar';
import { monthTimescale, workingDayTimescale } from './timescales';

const calendar = new BusinessCalendar();

describe('review timescales', () => {
  it('labels a working-day timescale finished late as done and overdue', () => {
    const timescale = workingDayTimescale({
      key: 'x',
      name: 'Rapid review',
      start: '2025-12-15',
      days: 15,
      completedOn: '2026-01-12',
      today: '2026-02-01',
      calendar,
    });
    expect(timescale).toMatchObject({
      label: 'Rapid review: done on day 17 of 15 (2 working days overdue)',
      completedOn: '2026-01-12',
      progress: { rag: 'red' },
    });
  });

  it('labels a month timescale finished in time as done', () => {
    const timescale = monthTimescale({
      key: 'x',
      name: 'Review',
      start: '2025-09-17',
      months: 6,
      since: 'decision',
      completedOn: '2026-01-12',
      today: '2026-06-01',
      calendar,
    });
    expect(timescale.label).toBe('Review: done at 3 months 26 days of 6 months since decision');
    expect(timescale.progress.rag).toBe('green');
  });
});
