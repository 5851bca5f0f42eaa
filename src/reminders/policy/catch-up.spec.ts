import { BusinessCalendar } from '../../calendar';
import { catchUp, isInSendingWindow, nextSendingTime, type CatchUpDecision } from './catch-up';
import { planReminders, type PlannedReminder } from './reminder-policy';
import { DEFAULT_REMINDER_SETTINGS } from './reminder-settings';

const calendar = new BusinessCalendar();
const settings = DEFAULT_REMINDER_SETTINGS;

const plan = (taskId: string, dueOn: string): PlannedReminder[] =>
  planReminders({ taskId, dueOn, exempt: false }, settings, calendar);

/** `slot action [sendAt|supersededBy-slot]` lines, for exact comparison. */
function summary(decisions: readonly CatchUpDecision<PlannedReminder>[]): string[] {
  const slot = (key: string) => key.split(':')[2];
  return decisions.map((decision) => {
    const name = slot(decision.reminder.key);
    switch (decision.action) {
      case 'send':
        return `${name} send ${decision.sendAt.toISOString()}`;
      case 'skip':
        return `${name} skip for ${slot(decision.supersededBy)}`;
      case 'wait':
        return `${name} wait`;
    }
  });
}

describe('catchUp', () => {
  // Due Wednesday 14 January 2026; before-5 (7 January) went before the outage.
  const pending = plan('task-1', '2026-01-14').slice(1);

  it('after a week-long outage sends one reminder for the task, the latest missed, and skips the rest', () => {
    const now = new Date('2026-01-20T12:00:00Z');
    expect(summary(catchUp(pending, now, calendar, settings))).toEqual([
      'before-1 skip for overdue-2',
      'due skip for overdue-2',
      'overdue-1 skip for overdue-2',
      'overdue-2 send 2026-01-20T12:00:00.000Z',
      'overdue-3 wait',
      'escalation wait',
    ]);
  });

  it('back up at night, waits for the morning and lets that morning’s scheduled reminder stand for the missed ones', () => {
    const now = new Date('2026-01-19T22:00:00Z');
    expect(summary(catchUp(pending, now, calendar, settings))).toEqual([
      'before-1 skip for overdue-2',
      'due skip for overdue-2',
      'overdue-1 skip for overdue-2',
      'overdue-2 wait',
      'overdue-3 wait',
      'escalation wait',
    ]);
  });

  it('back up on a Saturday, sends the missed reminder at 09:00 on Monday', () => {
    const now = new Date('2026-01-17T10:00:00Z');
    expect(summary(catchUp(pending, now, calendar, settings)).slice(0, 4)).toEqual([
      'before-1 skip for overdue-1',
      'due skip for overdue-1',
      'overdue-1 send 2026-01-19T09:00:00.000Z',
      'overdue-2 wait',
    ]);
  });

  it('sends a reminder on time when its slot has just come', () => {
    const now = new Date('2026-01-14T09:00:00.250Z');
    const decisions = catchUp(pending.slice(1), now, calendar, settings);
    expect(summary(decisions).slice(0, 2)).toEqual([
      'due send 2026-01-14T09:00:00.250Z',
      'overdue-1 wait',
    ]);
  });

  it('sends at most one reminder per task to its assignee across many tasks', () => {
    const reminders = [
      ...plan('task-1', '2026-01-14'),
      ...plan('task-2', '2026-01-12'),
      ...plan('task-3', '2026-02-20'),
    ];
    const now = new Date('2026-01-21T10:00:00Z');
    const sent = catchUp(reminders, now, calendar, settings).filter((d) => d.action === 'send');
    expect(sent.map((d) => d.reminder.key.replace(/:\d{4}-\d{2}-\d{2}:/, ' '))).toEqual([
      'task-1 overdue-2',
      'task-2 overdue-3',
      'task-2 escalation',
    ]);
  });

  it('sends a missed escalation as well as the assignee’s one reminder: it goes to the chair, once', () => {
    const now = new Date('2026-01-23T10:00:00Z'); // overdue-3 and the escalation were on the 22nd
    expect(summary(catchUp(pending, now, calendar, settings))).toEqual([
      'before-1 skip for overdue-3',
      'due skip for overdue-3',
      'overdue-1 skip for overdue-3',
      'overdue-2 skip for overdue-3',
      'overdue-3 send 2026-01-23T10:00:00.000Z',
      'escalation send 2026-01-23T10:00:00.000Z',
    ]);
  });

  it('leaves everything waiting when nothing is missed', () => {
    const now = new Date('2026-01-06T12:00:00Z');
    const decisions = catchUp(plan('task-1', '2026-01-14'), now, calendar, settings);
    expect(decisions.every((d) => d.action === 'wait')).toBe(true);
  });

  it('works on stored rows, keeping their extra fields and the order given', () => {
    const rows = pending.map(({ key, taskId, kind, sendAt }, index) => ({
      id: index + 1,
      key,
      taskId,
      kind,
      sendAt,
    }));
    const decisions = catchUp([...rows].reverse(), new Date('2026-01-20T12:00:00Z'), calendar, {
      sendAtHour: 9,
    });
    expect(decisions.map((d) => d.reminder.id)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(decisions.find((d) => d.action === 'send')?.reminder.id).toBe(4);
  });

  it('never sends a caught-up reminder at night, at a weekend or on a bank holiday', () => {
    const reminders = plan('task-1', '2026-12-18');
    for (let hour = 0; hour < 24 * 21; hour += 1) {
      const now = new Date(Date.UTC(2026, 11, 18, hour, 30));
      for (const decision of catchUp(reminders, now, calendar, settings)) {
        if (decision.action !== 'send') continue;
        expect(isInSendingWindow(decision.sendAt, calendar, settings)).toBe(true);
        expect(calendar.isWorkingDay(calendar.londonDateOf(decision.sendAt))).toBe(true);
      }
    }
  });
});

describe('nextSendingTime', () => {
  it.each([
    [
      'before 09:00 on a working day: 09:00 that day',
      '2026-01-14T07:30:00Z',
      '2026-01-14T09:00:00.000Z',
    ],
    ['during the day: now', '2026-01-14T13:15:00Z', '2026-01-14T13:15:00.000Z'],
    ['at 18:00: the next working day', '2026-01-14T18:00:00Z', '2026-01-15T09:00:00.000Z'],
    ['Friday evening: Monday', '2026-01-16T19:00:00Z', '2026-01-19T09:00:00.000Z'],
    ['Christmas Eve evening: Tuesday 29th', '2026-12-24T18:30:00Z', '2026-12-29T09:00:00.000Z'],
    ['early on a summer morning: 09:00 BST', '2026-06-17T05:00:00Z', '2026-06-17T08:00:00.000Z'],
    ['18:30 BST is after the window closes', '2026-06-17T17:30:00Z', '2026-06-18T08:00:00.000Z'],
  ])('%s', (_case, now, expected) => {
    expect(nextSendingTime(new Date(now), calendar, settings).toISOString()).toBe(expected);
  });
});
