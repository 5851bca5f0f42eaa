import { BusinessCalendar } from '../../calendar';
import {
  nextAfter,
  planReminders,
  replanReminders,
  type ExistingReminder,
  type PlannedReminder,
  type ReminderTask,
} from './reminder-policy';
import { DEFAULT_REMINDER_SETTINGS, resolveReminderSettings } from './reminder-settings';

const calendar = new BusinessCalendar();
const defaults = DEFAULT_REMINDER_SETTINGS;
const TASK = '0b6a3f0e-6f0c-4c62-9a57-5b8f2f7a1c11';

const task = (dueOn: string | null, extra: Partial<ReminderTask> = {}): ReminderTask => ({
  taskId: TASK,
  dueOn,
  exempt: false,
  ...extra,
});

/** `slot sendAt` pairs, e.g. `before-5 2026-01-07T09:00:00.000Z`, for exact comparison. */
const slots = (reminders: readonly PlannedReminder[]): string[] =>
  reminders.map((r) => `${r.key.split(':')[2]} ${r.sendAt.toISOString()}`);

describe('planReminders', () => {
  it('plans 5 and 1 working days before, the due date, then overdue every 2 working days, at 09:00 GMT in winter', () => {
    expect(slots(planReminders(task('2026-01-14'), defaults, calendar))).toEqual([
      'before-5 2026-01-07T09:00:00.000Z',
      'before-1 2026-01-13T09:00:00.000Z',
      'due 2026-01-14T09:00:00.000Z',
      'overdue-1 2026-01-16T09:00:00.000Z',
      'overdue-2 2026-01-20T09:00:00.000Z',
      'overdue-3 2026-01-22T09:00:00.000Z',
      'escalation 2026-01-22T09:00:00.000Z',
    ]);
  });

  it('sends at 09:00 BST, which is 08:00 UTC, in summer', () => {
    const plan = planReminders(task('2026-06-17'), defaults, calendar);
    expect(plan.map((r) => r.sendAt.toISOString())).toEqual([
      '2026-06-10T08:00:00.000Z',
      '2026-06-16T08:00:00.000Z',
      '2026-06-17T08:00:00.000Z',
      '2026-06-19T08:00:00.000Z',
      '2026-06-23T08:00:00.000Z',
      '2026-06-25T08:00:00.000Z',
      '2026-06-25T08:00:00.000Z',
    ]);
  });

  it('counts over Easter for a task due the day after Easter Monday, across the clock change', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays; BST began 29 March.
    expect(slots(planReminders(task('2026-04-07'), defaults, calendar)).slice(0, 4)).toEqual([
      'before-5 2026-03-27T09:00:00.000Z',
      'before-1 2026-04-02T08:00:00.000Z',
      'due 2026-04-07T08:00:00.000Z',
      'overdue-1 2026-04-09T08:00:00.000Z',
    ]);
  });

  it('skips Christmas, Boxing Day (substitute Monday 28th) and New Year around a task due 29 December', () => {
    expect(slots(planReminders(task('2026-12-29'), defaults, calendar))).toEqual([
      'before-5 2026-12-18T09:00:00.000Z',
      'before-1 2026-12-24T09:00:00.000Z',
      'due 2026-12-29T09:00:00.000Z',
      'overdue-1 2026-12-31T09:00:00.000Z',
      'overdue-2 2027-01-05T09:00:00.000Z',
      'overdue-3 2027-01-07T09:00:00.000Z',
      'escalation 2027-01-07T09:00:00.000Z',
    ]);
  });

  it('sends the due-date reminder on the last working day before a due date that falls on Christmas Day, and no second email that day', () => {
    expect(slots(planReminders(task('2026-12-25'), defaults, calendar)).slice(0, 3)).toEqual([
      'before-5 2026-12-18T09:00:00.000Z',
      'due 2026-12-24T09:00:00.000Z',
      'overdue-1 2026-12-30T09:00:00.000Z',
    ]);
  });

  it('keeps the 1-working-day reminder for a Saturday due date when there is no due-date reminder', () => {
    const settings = resolveReminderSettings({ onDueDate: false });
    expect(slots(planReminders(task('2026-01-17'), settings, calendar)).slice(0, 3)).toEqual([
      'before-5 2026-01-12T09:00:00.000Z',
      'before-1 2026-01-16T09:00:00.000Z',
      'overdue-1 2026-01-20T09:00:00.000Z',
    ]);
  });

  it('never plans a reminder on a weekend or bank holiday, whatever the due date', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let day = 0; day < 366; day += 1) {
      const dueOn = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      for (const reminder of planReminders(task(dueOn), defaults, calendar)) {
        expect(calendar.isWorkingDay(reminder.sendOn)).toBe(true);
        expect(calendar.londonDateOf(reminder.sendAt)).toBe(reminder.sendOn);
        expect(calendar.londonWallClockToUtc(reminder.sendOn, 9)).toEqual(reminder.sendAt);
      }
    }
  });

  it('plans nothing for an exempt task, a closed task or a task with no due date', () => {
    expect(planReminders(task('2026-01-14', { exempt: true }), defaults, calendar)).toEqual([]);
    expect(planReminders(task('2026-01-14', { closed: true }), defaults, calendar)).toEqual([]);
    expect(planReminders(task(null), defaults, calendar)).toEqual([]);
  });

  it('escalates once, after the second overdue reminder, at the slot of the third', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar, { overdueReminders: 6 });
    const escalations = plan.filter((r) => r.kind === 'escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      key: `${TASK}:2026-01-14:escalation`,
      sequence: 2,
      sendOn: '2026-01-22',
    });
    const kinds = plan.map((r) => `${r.kind}-${r.sequence}`);
    expect(kinds.indexOf('escalation-2')).toBe(kinds.indexOf('overdue-3') + 1);
  });

  it("follows a partnership's own numbers", () => {
    const settings = resolveReminderSettings({
      daysBefore: [10, 3],
      onDueDate: false,
      overdueEveryWorkingDays: 5,
      escalateAfterOverdueReminders: 1,
      sendAtHour: 10,
    });
    expect(slots(planReminders(task('2026-01-14'), settings, calendar))).toEqual([
      'before-10 2025-12-30T10:00:00.000Z',
      'before-3 2026-01-09T10:00:00.000Z',
      'overdue-1 2026-01-21T10:00:00.000Z',
      'overdue-2 2026-01-28T10:00:00.000Z',
      'escalation 2026-01-28T10:00:00.000Z',
      'overdue-3 2026-02-04T10:00:00.000Z',
    ]);
  });

  it('does not escalate when the partnership turned escalation off', () => {
    const settings = resolveReminderSettings({ escalateAfterOverdueReminders: null });
    const plan = planReminders(task('2026-01-14'), settings, calendar, { overdueReminders: 10 });
    expect(plan.some((r) => r.kind === 'escalation')).toBe(false);
  });

  it('gives a re-dated task new keys, and keys unique within a plan', () => {
    const before = planReminders(task('2026-01-14'), defaults, calendar).map((r) => r.key);
    const after = planReminders(task('2026-01-21'), defaults, calendar).map((r) => r.key);
    expect(new Set(before).size).toBe(before.length);
    expect(after.filter((key) => before.includes(key))).toEqual([]);
    expect(before[0]).toBe(`${TASK}:2026-01-14:before-5`);
  });

  it('is deterministic', () => {
    expect(planReminders(task('2026-01-14'), defaults, calendar)).toEqual(
      planReminders(task('2026-01-14'), defaults, calendar),
    );
  });

  it('leaves out slots before the horizon start, e.g. a task opened 2 working days before it is due', () => {
    const openedAt = new Date('2026-01-12T14:30:00Z');
    const plan = planReminders(task('2026-01-14'), defaults, calendar, { from: openedAt });
    expect(slots(plan)[0]).toBe('before-1 2026-01-13T09:00:00.000Z');
  });

  it('refuses invalid settings, a malformed due date and a task id that would break keys', () => {
    expect(() =>
      planReminders(task('2026-01-14'), { ...defaults, sendAtHour: 2 }, calendar),
    ).toThrow(/sendAtHour/);
    expect(() => planReminders(task('14/01/2026'), defaults, calendar)).toThrow(RangeError);
    expect(() => planReminders(task('2026-01-14', { taskId: 'a:b' }), defaults, calendar)).toThrow(
      /taskId/,
    );
  });
});

describe('nextAfter', () => {
  it('continues the overdue reminders after the last planned one, without end', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar);
    const last = plan.filter((r) => r.kind === 'overdue').at(-1)!;
    expect(slots(nextAfter(task('2026-01-14'), defaults, calendar, last, 2))).toEqual([
      'escalation 2026-01-22T09:00:00.000Z',
      'overdue-4 2026-01-26T09:00:00.000Z',
    ]);
    const after = new Date('2026-06-01T12:00:00Z');
    const far = nextAfter(task('2026-01-14'), defaults, calendar, after, 1);
    expect(slots(far)).toEqual(['overdue-48 2026-06-03T08:00:00.000Z']);
  });

  it('gives nothing for a closed task', () => {
    expect(
      nextAfter(task('2026-01-14', { closed: true }), defaults, calendar, new Date(0), 3),
    ).toEqual([]);
  });
});

describe('replanReminders', () => {
  const stored = (
    reminders: readonly PlannedReminder[],
    state: ExistingReminder['state'] = 'pending',
  ): ExistingReminder[] => reminders.map(({ key, sendAt }) => ({ key, sendAt, state }));

  it('schedules the whole plan for a task opened well before it is due', () => {
    const now = new Date('2026-01-02T10:00:00Z');
    const changes = replanReminders(task('2026-01-14'), [], defaults, calendar, now);
    expect(changes.schedule).toEqual(planReminders(task('2026-01-14'), defaults, calendar));
    expect(changes.reschedule).toEqual([]);
    expect(changes.cancel).toEqual([]);
  });

  it('cancels every pending reminder when the task is completed or cancelled', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar);
    const existing = [...stored(plan.slice(0, 1), 'sent'), ...stored(plan.slice(1))];
    const changes = replanReminders(
      task('2026-01-14', { closed: true }),
      existing,
      defaults,
      calendar,
      new Date('2026-01-08T12:00:00Z'),
    );
    expect(changes.schedule).toEqual([]);
    expect(changes.cancel).toEqual(plan.slice(1).map((r) => r.key));
  });

  it('moves a re-dated task onto new keys, without reminders for slots already past', () => {
    const old = planReminders(task('2026-01-14'), defaults, calendar);
    const now = new Date('2026-01-13T11:00:00Z'); // after the old before-1 went
    const existing = [...stored(old.slice(0, 2), 'sent'), ...stored(old.slice(2))];
    const changes = replanReminders(task('2026-01-16'), existing, defaults, calendar, now);
    expect(changes.cancel).toEqual(old.slice(2).map((r) => r.key));
    // before-5 (9 Jan) and before-1 (15 Jan): only the one still ahead is scheduled.
    expect(slots(changes.schedule).slice(0, 2)).toEqual([
      'before-1 2026-01-15T09:00:00.000Z',
      'due 2026-01-16T09:00:00.000Z',
    ]);
    expect(changes.schedule.every((r) => r.key.includes(':2026-01-16:'))).toBe(true);
  });

  it('changes nothing on reassignment: reminders carry no recipient', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar);
    const changes = replanReminders(
      task('2026-01-14'),
      stored(plan),
      defaults,
      calendar,
      new Date('2026-01-05T12:00:00Z'),
    );
    expect(changes).toEqual({ schedule: [], reschedule: [], cancel: [] });
  });

  it('keeps pending reminders the worker missed for catch-up, never re-sends sent or skipped ones, and keeps 3 overdue reminders ahead', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar);
    const existing = [
      ...stored(plan.slice(0, 1), 'sent'),
      ...stored(plan.slice(1, 2), 'skipped'),
      ...stored(plan.slice(2)),
    ];
    const changes = replanReminders(
      task('2026-01-14'),
      existing,
      defaults,
      calendar,
      new Date('2026-01-19T12:00:00Z'),
    );
    expect(changes.cancel).toEqual([]);
    expect(changes.reschedule).toEqual([]);
    expect(slots(changes.schedule)).toEqual(['overdue-4 2026-01-26T09:00:00.000Z']);
  });

  it('moves pending reminders to the new hour when the partnership changes it', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar);
    const later = resolveReminderSettings({ sendAtHour: 11 });
    const changes = replanReminders(
      task('2026-01-14'),
      stored(plan),
      later,
      calendar,
      new Date('2026-01-02T12:00:00Z'),
    );
    expect(changes.cancel).toEqual([]);
    expect(changes.schedule).toEqual([]);
    expect(changes.reschedule.map((r) => r.key)).toEqual(plan.map((r) => r.key));
    expect(changes.reschedule[0].sendAt.toISOString()).toBe('2026-01-07T11:00:00.000Z');
  });

  it('keeps pending overdue reminders beyond the default horizon and tops the horizon up', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar, { overdueReminders: 6 });
    const now = new Date('2026-01-23T12:00:00Z'); // overdue-1..3 and the escalation have gone
    const sent = plan.filter((r) => r.sendAt < now);
    const existing = [...stored(sent, 'sent'), ...stored(plan.filter((r) => r.sendAt >= now))];
    const changes = replanReminders(task('2026-01-14'), existing, defaults, calendar, now);
    expect(changes.cancel).toEqual([]);
    expect(slots(changes.schedule)).toEqual([]);
    const further = replanReminders(task('2026-01-14'), existing, defaults, calendar, now, {
      overdueReminders: 4,
    });
    expect(slots(further.schedule)).toEqual(['overdue-7 2026-02-03T09:00:00.000Z']);
  });

  it('plans only the usual horizon when a task is re-dated much earlier', () => {
    const old = planReminders(task('2026-06-30'), defaults, calendar, { overdueReminders: 10 });
    const now = new Date('2026-01-05T12:00:00Z');
    const changes = replanReminders(task('2026-01-14'), stored(old), defaults, calendar, now);
    expect(changes.cancel).toEqual(old.map((r) => r.key));
    expect(changes.schedule).toEqual(planReminders(task('2026-01-14'), defaults, calendar));
  });

  it('revives a cancelled reminder when a task is re-dated back to its first date', () => {
    const plan = planReminders(task('2026-01-14'), defaults, calendar);
    const changes = replanReminders(
      task('2026-01-14'),
      stored(plan, 'cancelled'),
      defaults,
      calendar,
      new Date('2026-01-02T12:00:00Z'),
    );
    expect(changes.schedule.map((r) => r.key)).toEqual(plan.map((r) => r.key));
  });
});
