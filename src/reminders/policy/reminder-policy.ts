import { isIsoDate, type BusinessCalendar, type IsoDate } from '../../calendar';
import { assertValidReminderSettings, type ReminderSettings } from './reminder-settings';

export {
  DEFAULT_REMINDER_SETTINGS,
  resolveReminderSettings,
  validateReminderSettings,
  type ReminderSettings,
  type ReminderSettingsProblem,
} from './reminder-settings';

export const REMINDER_KINDS = ['before', 'due', 'overdue', 'escalation'] as const;
/** before/due/overdue go to the task's assignee; escalation goes to the chair (see escalation.ts). */
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** What the planner needs to know about one task. Nothing else about it, and no case content. */
export interface ReminderTask {
  taskId: string;
  /** No due date, no reminders. */
  dueOn: IsoDate | null;
  /** A step declared `remind: false`, or a task the business unit exempted. */
  exempt: boolean;
  /** Completed or cancelled: nothing more is planned, so every pending reminder is cancelled. */
  closed?: boolean;
}

export interface PlannedReminder {
  /**
   * Unique per task, due date and slot, e.g. `3f…:2026-01-14:before-5`. The reminders table keys on
   * it so nothing is sent twice; re-dating a task gives its reminders new keys.
   */
  key: string;
  taskId: string;
  /** The due date this reminder was planned for. */
  dueOn: IsoDate;
  kind: ReminderKind;
  /**
   * before: working days before the due date; due: 0; overdue: 1 for the first overdue reminder,
   * 2 for the second...; escalation: how many overdue reminders went before it.
   */
  sequence: number;
  /** The London working day it goes out on. */
  sendOn: IsoDate;
  /** `sendAtHour` on `sendOn`, London time: 09:00 is 08:00Z in summer and 09:00Z in winter. */
  sendAt: Date;
}

export interface PlanHorizon {
  /** Leave out reminders whose slot is before this instant (the task opened or was re-dated then). */
  from?: Date;
  /**
   * How many overdue reminders to plan. Overdue reminders go on until the task closes, so a plan
   * is bounded; `nextAfter` extends it. Default: enough to reach the escalation, and at least 3.
   */
  overdueReminders?: number;
}

export const DEFAULT_OVERDUE_HORIZON = 3;

const KIND_ORDER: Readonly<Record<ReminderKind, number>> = {
  before: 0,
  due: 1,
  overdue: 2,
  escalation: 3,
};

/** Schedule order: by send time, then before < due < overdue < escalation at the same instant. */
export function compareReminders(
  a: Pick<PlannedReminder, 'sendAt' | 'kind'>,
  b: Pick<PlannedReminder, 'sendAt' | 'kind'>,
): number {
  return a.sendAt.getTime() - b.sendAt.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

export function reminderKey(
  taskId: string,
  dueOn: IsoDate,
  kind: ReminderKind,
  sequence: number,
): string {
  const slot = kind === 'due' || kind === 'escalation' ? kind : `${kind}-${sequence}`;
  return `${taskId}:${dueOn}:${slot}`;
}

function requirePlannable(task: ReminderTask): task is ReminderTask & { dueOn: IsoDate } {
  if (typeof task.taskId !== 'string' || !/^[^\s:]+$/.test(task.taskId)) {
    throw new RangeError('taskId must be a non-empty id without spaces or colons');
  }
  if (task.exempt || task.closed || task.dueOn === null) return false;
  if (!isIsoDate(task.dueOn)) {
    throw new RangeError(`dueOn ${JSON.stringify(task.dueOn)} is not a date written YYYY-MM-DD`);
  }
  return true;
}

/**
 * Every reminder a task would get, in schedule order, without end (overdue reminders go on until
 * the task closes): take what you need.
 *
 * Slots: "before" is counted back in working days, so it is always a working day (5 working days
 * before a Saturday is the Monday of that week: Friday counts as the first). The due-date reminder
 * goes out on the due date, or, when that is not a working day (a date someone set for a weekend
 * or bank holiday), on the last working day before it: a reminder the person can still act on
 * beats one that arrives after the deadline. If a "before" reminder then falls on that same day it
 * is dropped, so nobody gets two emails about one task on one morning. Overdue reminders follow
 * every `overdueEveryWorkingDays` working days after the due date. The escalation goes out once,
 * at the slot of the overdue reminder after the `escalateAfterOverdueReminders`-th: the assignee
 * has had that many overdue reminders and the usual interval to act on the last one.
 */
export function* reminderSchedule(
  task: ReminderTask,
  settings: ReminderSettings,
  calendar: BusinessCalendar,
): Generator<PlannedReminder, void, undefined> {
  assertValidReminderSettings(settings);
  if (!requirePlannable(task)) return;
  const { taskId, dueOn } = task;
  const slot = (kind: ReminderKind, sequence: number, sendOn: IsoDate): PlannedReminder => ({
    key: reminderKey(taskId, dueOn, kind, sequence),
    taskId,
    dueOn,
    kind,
    sequence,
    sendOn,
    sendAt: calendar.londonWallClockToUtc(sendOn, settings.sendAtHour),
  });

  const dueSlotOn = calendar.subtractWorkingDays(dueOn, 0);
  const before = [...settings.daysBefore]
    .sort((a, b) => b - a)
    .map((days) => ({ days, on: calendar.subtractWorkingDays(dueOn, days) }))
    .filter(({ on }) => !(settings.onDueDate && on >= dueSlotOn));
  for (const { days, on } of before) yield slot('before', days, on);
  if (settings.onDueDate) yield slot('due', 0, dueSlotOn);

  const escalateAfter = settings.escalateAfterOverdueReminders;
  let overdueOn = dueOn;
  for (let sequence = 1; ; sequence++) {
    overdueOn = calendar.addWorkingDays(overdueOn, settings.overdueEveryWorkingDays);
    yield slot('overdue', sequence, overdueOn);
    if (escalateAfter !== null && sequence === escalateAfter + 1) {
      yield slot('escalation', escalateAfter, overdueOn);
    }
  }
}

function defaultOverdueHorizon(settings: ReminderSettings): number {
  const escalateAfter = settings.escalateAfterOverdueReminders;
  return Math.max(DEFAULT_OVERDUE_HORIZON, escalateAfter === null ? 0 : escalateAfter + 1);
}

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number of at least ${min}`);
  }
}

/**
 * The reminders a task gets, in schedule order, up to a bounded horizon: an exempt, closed or
 * undated task gets none. Deterministic: the same task, settings and horizon give the same list.
 */
export function planReminders(
  task: ReminderTask,
  settings: ReminderSettings,
  calendar: BusinessCalendar,
  horizon: PlanHorizon = {},
): PlannedReminder[] {
  const overdueLimit = horizon.overdueReminders ?? defaultOverdueHorizon(settings);
  requireCount('overdueReminders', overdueLimit, 0);
  const planned: PlannedReminder[] = [];
  let overdue = 0;
  for (const reminder of reminderSchedule(task, settings, calendar)) {
    if (horizon.from && reminder.sendAt < horizon.from) continue;
    if (reminder.kind === 'overdue') {
      if (overdue === overdueLimit) break;
      overdue++;
    }
    planned.push(reminder);
  }
  return planned;
}

/**
 * The next `limit` reminders after `after`: a reminder already planned (continue the schedule
 * after it, including an escalation at the same instant) or an instant (strictly after it).
 * How a worker extends a plan once its last planned overdue reminder has gone.
 */
export function nextAfter(
  task: ReminderTask,
  settings: ReminderSettings,
  calendar: BusinessCalendar,
  after: Pick<PlannedReminder, 'sendAt' | 'kind'> | Date,
  limit = 1,
): PlannedReminder[] {
  requireCount('limit', limit, 1);
  const isLater = (reminder: PlannedReminder): boolean =>
    after instanceof Date ? reminder.sendAt > after : compareReminders(reminder, after) > 0;
  const next: PlannedReminder[] = [];
  for (const reminder of reminderSchedule(task, settings, calendar)) {
    if (!isLater(reminder)) continue;
    next.push(reminder);
    if (next.length === limit) break;
  }
  return next;
}

export type ReminderState = 'pending' | 'sent' | 'skipped' | 'cancelled';

/** A reminder row the database already holds for the task (any due date). */
export interface ExistingReminder {
  key: string;
  sendAt: Date;
  state: ReminderState;
}

export interface ReminderChanges {
  /** New reminders to store and schedule (or cancelled ones to revive, e.g. re-dated back). */
  schedule: PlannedReminder[];
  /** Pending reminders whose slot moved (the send hour changed): same key, new `sendAt`. */
  reschedule: PlannedReminder[];
  /** Keys of pending reminders to cancel: the task closed, was re-dated or exempted. */
  cancel: string[];
}

/**
 * What to change in a task's stored reminders after anything that affects them: the task opened,
 * closed (completed or cancelled), was re-dated or exempted, or the partnership's settings changed.
 *
 * - A slot that passed before `now` and was never stored is not scheduled: re-dating or opening a
 *   task never sends a burst of reminders for the past.
 * - A pending reminder whose slot has passed (the worker was down) is kept: `catchUp` decides.
 * - Sent and skipped reminders are never scheduled again.
 * - Reassigning changes nothing here: reminders carry no recipient, the worker resolves the
 *   task's assignee when it sends, so the previous assignee is not chased.
 */
export function replanReminders(
  task: ReminderTask,
  existing: readonly ExistingReminder[],
  settings: ReminderSettings,
  calendar: BusinessCalendar,
  now: Date,
  horizon: Pick<PlanHorizon, 'overdueReminders'> = {},
): ReminderChanges {
  const overdueLimit = horizon.overdueReminders ?? defaultOverdueHorizon(settings);
  requireCount('overdueReminders', overdueLimit, 0);
  const known = new Map(existing.map((reminder) => [reminder.key, reminder]));
  const pending = existing.filter((reminder) => reminder.state === 'pending');
  // Plan far enough to keep the pending reminders for the current due date that nextAfter added.
  const current = task.dueOn === null ? null : `${task.taskId}:${task.dueOn}:`;
  const latestPending = Math.max(
    -Infinity,
    ...pending
      .filter((reminder) => current !== null && reminder.key.startsWith(current))
      .map((reminder) => reminder.sendAt.getTime()),
  );

  const changes: ReminderChanges = { schedule: [], reschedule: [], cancel: [] };
  const planned = new Set<string>();
  let overdueAhead = 0;
  for (const reminder of reminderSchedule(task, settings, calendar)) {
    const isOverdue = reminder.kind === 'overdue';
    if (isOverdue && overdueAhead >= overdueLimit && reminder.sendAt.getTime() > latestPending) {
      break;
    }
    const stored = known.get(reminder.key);
    const past = reminder.sendAt < now;
    if (isOverdue && !past) overdueAhead++;
    if (stored?.state === 'pending') {
      planned.add(reminder.key);
      if (stored.sendAt.getTime() !== reminder.sendAt.getTime()) changes.reschedule.push(reminder);
    } else if (!past && (stored === undefined || stored.state === 'cancelled')) {
      planned.add(reminder.key);
      changes.schedule.push(reminder);
    }
  }
  changes.cancel = pending.filter((reminder) => !planned.has(reminder.key)).map((r) => r.key);
  return changes;
}
