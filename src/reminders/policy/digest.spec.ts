import { BusinessCalendar } from '../../calendar';
import { buildDigest, deliveryFor, digestKey, digestSendAt } from './digest';
import { dueTiming } from './due-timing';

const calendar = new BusinessCalendar();

describe('dueTiming', () => {
  it.each([
    ['2026-01-21', '2026-01-14', { status: 'upcoming', workingDaysLeft: 5 }],
    ['2026-01-14', '2026-01-14', { status: 'due-today' }],
    ['2026-01-14', '2026-01-19', { status: 'overdue', workingDaysOverdue: 3 }],
    ['2026-01-17', '2026-01-16', { status: 'upcoming', workingDaysLeft: 0 }],
    ['2026-12-29', '2026-12-24', { status: 'upcoming', workingDaysLeft: 1 }],
  ])('due %s seen on %s', (dueOn, today, expected) => {
    expect(dueTiming(dueOn, today, calendar)).toEqual(expected);
  });
});

describe('buildDigest', () => {
  // Monday 12 January 2026.
  const today = '2026-01-12';
  const entries = [
    {
      taskId: 't-later',
      dueOn: '2026-02-02',
      reference: 'MSCP-CFAG-2026-01',
      stepTitle: 'Audit meeting',
    },
    {
      taskId: 't-week-b',
      dueOn: '2026-01-16',
      reference: 'MSCP-LCSPR-2025-03',
      stepTitle: 'Agency report',
    },
    {
      taskId: 't-overdue-old',
      dueOn: '2026-01-05',
      reference: 'MSCP-CFAG-2026-01',
      stepTitle: 'Involvement check',
    },
    {
      taskId: 't-today',
      dueOn: '2026-01-12',
      reference: 'MSCP-CFAG-2026-01',
      stepTitle: 'Agency audit return',
    },
    {
      taskId: 't-week-a',
      dueOn: '2026-01-16',
      reference: 'MSCP-CFAG-2026-01',
      stepTitle: 'Agency audit return',
    },
    {
      taskId: 't-overdue-new',
      dueOn: '2026-01-09',
      reference: 'MSCP-LCSPR-2025-03',
      stepTitle: 'Chronology',
    },
    {
      taskId: 't-week-edge',
      dueOn: '2026-01-19',
      reference: 'MSCP-CFAG-2026-01',
      stepTitle: 'Agency audit return',
    },
  ];

  it('groups one day’s tasks into overdue, due today, due this week and later, each earliest first', () => {
    const digest = buildDigest(entries, today, calendar);
    const ids = (group: keyof typeof digest.groups) => digest.groups[group].map((l) => l.taskId);
    expect(ids('overdue')).toEqual(['t-overdue-old', 't-overdue-new']);
    expect(ids('dueToday')).toEqual(['t-today']);
    expect(ids('dueThisWeek')).toEqual(['t-week-a', 't-week-b', 't-week-edge']);
    expect(ids('later')).toEqual(['t-later']);
    expect(digest.counts).toEqual({ overdue: 2, dueToday: 1, dueThisWeek: 3, later: 1 });
    expect(digest.total).toBe(7);
    expect(digest.worthSending).toBe(true);
    expect(digest.groups.overdue[0].timing).toEqual({ status: 'overdue', workingDaysOverdue: 5 });
    expect(digest.groups.dueThisWeek[2].timing).toEqual({ status: 'upcoming', workingDaysLeft: 5 });
    expect(digest.groups.later[0]).toMatchObject({
      stepTitle: 'Audit meeting',
      reference: 'MSCP-CFAG-2026-01',
    });
  });

  it('is not worth sending when everything is more than a week away, or nothing is open', () => {
    expect(buildDigest([entries[0]], today, calendar).worthSending).toBe(false);
    expect(buildDigest([], today, calendar)).toMatchObject({ total: 0, worthSending: false });
  });

  it('lists a task once even if it is given twice', () => {
    expect(buildDigest([entries[3], entries[3]], today, calendar).total).toBe(1);
  });

  it('goes out at 09:00 London time on working days only, once per person per day', () => {
    const settings = { sendAtHour: 9 };
    expect(digestSendAt('2026-06-15', calendar, settings)?.toISOString()).toBe(
      '2026-06-15T08:00:00.000Z',
    );
    expect(digestSendAt('2026-12-28', calendar, settings)).toBeNull();
    expect(digestSendAt('2026-06-13', calendar, settings)).toBeNull();
    expect(digestKey('person-1', '2026-06-15')).toBe('digest:person-1:2026-06-15');
  });

  it('holds reminders back for a person who chose the digest, but never escalations', () => {
    expect(deliveryFor('overdue', 'daily-digest')).toBe('digest');
    expect(deliveryFor('before', 'individual')).toBe('email');
    expect(deliveryFor('escalation', 'daily-digest')).toBe('email');
  });
});
